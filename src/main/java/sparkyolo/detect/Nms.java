package sparkyolo.detect;

import java.util.Arrays;

/**
 * Non-maximum suppression of one image's decoded YOLOv5 output, reproducing the original
 * non_max_suppression (with torchvision's CPU nms) step by step in float32, so that scores, ties
 * and suppression decisions come out as in the reference.
 *
 * <p>Input rows are {@code [cx, cy, w, h, objectness, p_0 .. p_{nc-1}]} (input pixels,
 * probabilities after sigmoid); output rows are {@code [x1, y1, x2, y2, conf, cls]} in descending
 * conf order.
 */
public final class Nms {
    /** Class offset added to the boxes so that boxes of different classes never overlap. */
    private static final float MAX_WH = 7680f;
    /** At most this many candidates, the best by score, enter the suppression step. */
    private static final int MAX_NMS = 30000;

    private Nms() {
    }

    /** NMS over all rows of {@code predictions} (one image, rows of length {@code rowLength}). */
    public static float[][] apply(float[] predictions, int rowLength, NmsOptions options) {
        if (predictions.length % rowLength != 0) {
            throw new IllegalArgumentException("prediction length " + predictions.length
                    + " is not a multiple of the row length " + rowLength);
        }
        return apply(predictions, 0, predictions.length / rowLength, rowLength, options);
    }

    /**
     * NMS over {@code rows} rows starting at {@code offset} in {@code predictions}, e.g. one image of
     * a batch stored as (batch, rows, rowLength).
     */
    public static float[][] apply(float[] predictions, int offset, int rows, int rowLength, NmsOptions options) {
        int nc = rowLength - 5;
        if (nc < 1) {
            throw new IllegalArgumentException("row length must be at least 6 (box, objectness, classes), got "
                    + rowLength);
        }
        Candidates cand = collect(predictions, offset, rows, rowLength, options);
        int[] order = cand.orderByScore();
        return suppress(cand, order, options);
    }

    private static Candidates collect(float[] p, int offset, int rows, int rowLength, NmsOptions options) {
        int nc = rowLength - 5;
        boolean multiLabel = options.multiLabel() && nc > 1;
        // torch compares a float32 tensor with a Python float in float32.
        float conf = (float) options.confThres();
        Candidates cand = new Candidates();
        float[] scores = new float[nc];
        for (int r = 0; r < rows; r++) {
            int base = offset + r * rowLength;
            float obj = p[base + 4];
            if (!(obj > conf)) {
                continue;
            }
            for (int c = 0; c < nc; c++) {
                scores[c] = p[base + 5 + c] * obj;
            }
            if (multiLabel) {
                for (int c = 0; c < nc; c++) {
                    if (scores[c] > conf && options.keepsClass(c)) {
                        cand.add(p, base, scores[c], c);
                    }
                }
            } else {
                int best = 0;
                for (int c = 1; c < nc; c++) {
                    if (scores[c] > scores[best]) {
                        best = c;
                    }
                }
                if (scores[best] > conf && options.keepsClass(best)) {
                    cand.add(p, base, scores[best], best);
                }
            }
        }
        return cand;
    }

    /**
     * Greedy suppression as torchvision's CPU nms: walk candidates by descending score and keep one
     * unless it overlaps an already kept box by IoU > iouThres. IoU is taken on the class-offset
     * boxes, in float32, without the +1 pixel convention. Stops at maxDet kept boxes, which leaves
     * the first maxDet unchanged.
     */
    private static float[][] suppress(Candidates cand, int[] order, NmsOptions options) {
        int n = Math.min(order.length, MAX_NMS);
        int maxKeep = Math.min(n, options.maxDet());
        float[] kx1 = new float[maxKeep];
        float[] ky1 = new float[maxKeep];
        float[] kx2 = new float[maxKeep];
        float[] ky2 = new float[maxKeep];
        float[] kArea = new float[maxKeep];
        int[] kept = new int[maxKeep];
        int numKept = 0;
        for (int s = 0; s < n && numKept < maxKeep; s++) {
            int j = order[s];
            float shift = options.agnostic() ? 0f : cand.cls[j] * MAX_WH;
            float x1 = cand.box[4 * j] + shift;
            float y1 = cand.box[4 * j + 1] + shift;
            float x2 = cand.box[4 * j + 2] + shift;
            float y2 = cand.box[4 * j + 3] + shift;
            float area = (x2 - x1) * (y2 - y1);
            boolean suppressed = false;
            for (int k = 0; k < numKept && !suppressed; k++) {
                float w = Math.max(0f, Math.min(kx2[k], x2) - Math.max(kx1[k], x1));
                float h = Math.max(0f, Math.min(ky2[k], y2) - Math.max(ky1[k], y1));
                float inter = w * h;
                float iou = inter / (kArea[k] + area - inter);
                suppressed = iou > options.iouThres();
            }
            if (!suppressed) {
                kx1[numKept] = x1;
                ky1[numKept] = y1;
                kx2[numKept] = x2;
                ky2[numKept] = y2;
                kArea[numKept] = area;
                kept[numKept++] = j;
            }
        }
        float[][] out = new float[numKept][];
        for (int k = 0; k < numKept; k++) {
            int j = kept[k];
            out[k] = new float[] {cand.box[4 * j], cand.box[4 * j + 1], cand.box[4 * j + 2], cand.box[4 * j + 3],
                    cand.score[j], cand.cls[j]};
        }
        return out;
    }

    /** Growable columns of candidate detections: xyxy box, score, class. */
    private static final class Candidates {
        float[] box = new float[64];
        float[] score = new float[16];
        int[] cls = new int[16];
        int size;

        void add(float[] p, int base, float s, int c) {
            if (size == score.length) {
                box = Arrays.copyOf(box, 8 * size);
                score = Arrays.copyOf(score, 2 * size);
                cls = Arrays.copyOf(cls, 2 * size);
            }
            float hw = p[base + 2] / 2;
            float hh = p[base + 3] / 2;
            box[4 * size] = p[base] - hw;
            box[4 * size + 1] = p[base + 1] - hh;
            box[4 * size + 2] = p[base] + hw;
            box[4 * size + 3] = p[base + 1] + hh;
            score[size] = s;
            cls[size++] = c;
        }

        /**
         * Candidate indices by descending score, equal scores in candidate order (torch's stable
         * sort). Scores are positive, so their float bits order like the values; the key packs the
         * inverted bits above the index.
         */
        int[] orderByScore() {
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                long inverted = Integer.MAX_VALUE - Float.floatToRawIntBits(score[i]);
                keys[i] = (inverted << 32) | i;
            }
            Arrays.sort(keys);
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = (int) keys[i];
            }
            return order;
        }
    }
}
