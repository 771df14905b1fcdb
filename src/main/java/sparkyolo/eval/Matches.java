package sparkyolo.eval;

import java.util.Arrays;

/**
 * A list of (label, detection, IoU) pairs and the numpy reorderings YOLOv5 applies to it when
 * matching predictions to ground truth. Ties in IoU are ordered exactly as numpy orders them.
 */
final class Matches {
    interface PairFilter {
        boolean test(int label, int detection);
    }

    private final int[] labels;
    private final int[] detections;
    private final float[] ious;

    private Matches(int[] labels, int[] detections, float[] ious) {
        this.labels = labels;
        this.detections = detections;
        this.ious = ious;
    }

    /** The pairs accepted by {@code filter}, in row-major (label, detection) order like torch.where. */
    static Matches where(float[][] iou, PairFilter filter) {
        int capacity = 0;
        for (float[] row : iou) {
            capacity += row.length;
        }
        int[] l = new int[capacity];
        int[] d = new int[capacity];
        float[] v = new float[capacity];
        int n = 0;
        for (int i = 0; i < iou.length; i++) {
            for (int j = 0; j < iou[i].length; j++) {
                if (filter.test(i, j)) {
                    l[n] = i;
                    d[n] = j;
                    v[n++] = iou[i][j];
                }
            }
        }
        return new Matches(Arrays.copyOf(l, n), Arrays.copyOf(d, n), Arrays.copyOf(v, n));
    }

    int size() {
        return ious.length;
    }

    int label(int k) {
        return labels[k];
    }

    int detection(int k) {
        return detections[k];
    }

    /** {@code matches[matches[:, 2].argsort()[::-1]]}: numpy's ascending argsort, reversed. */
    Matches sortedByIouDescending() {
        double[] keys = new double[ious.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ious[k];
        }
        int[] ascending = NumpyArgsort.argsort(keys);
        int[] order = new int[ascending.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = ascending[ascending.length - 1 - k];
        }
        return select(order);
    }

    /** {@code matches[np.unique(matches[:, 1], return_index=True)[1]]}: first pair per detection, by detection. */
    Matches firstPerDetection() {
        return select(firstOccurrences(detections));
    }

    /** {@code matches[np.unique(matches[:, 0], return_index=True)[1]]}: first pair per label, by label. */
    Matches firstPerLabel() {
        return select(firstOccurrences(labels));
    }

    /** Positions of the first occurrence of each distinct key, ordered by key (np.unique's return_index). */
    private static int[] firstOccurrences(int[] keys) {
        int max = -1;
        for (int k : keys) {
            max = Math.max(max, k);
        }
        int[] first = new int[max + 1];
        Arrays.fill(first, -1);
        for (int pos = 0; pos < keys.length; pos++) {
            if (first[keys[pos]] < 0) {
                first[keys[pos]] = pos;
            }
        }
        return Arrays.stream(first).filter(pos -> pos >= 0).toArray();
    }

    private Matches select(int[] positions) {
        int[] l = new int[positions.length];
        int[] d = new int[positions.length];
        float[] v = new float[positions.length];
        for (int k = 0; k < positions.length; k++) {
            l[k] = labels[positions[k]];
            d[k] = detections[positions[k]];
            v[k] = ious[positions[k]];
        }
        return new Matches(l, d, v);
    }
}
