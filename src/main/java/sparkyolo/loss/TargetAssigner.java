package sparkyolo.loss;

import java.util.ArrayList;
import java.util.List;

/**
 * The original's {@code build_targets}: matches each target to the anchors whose shape is within
 * {@code anchor_t} of its own and assigns it to its grid cell plus up to two neighbouring cells
 * (the ones whose centre is nearer than half a cell). Arithmetic is float32 as in PyTorch, so the
 * cell choices agree with the original at the boundaries.
 */
public final class TargetAssigner {
    /** Cell offsets (x, y) subtracted from the centre: own, left, up, right, down. */
    private static final float[][] OFFSETS = {{0, 0}, {0.5f, 0}, {0, 0.5f}, {-0.5f, 0}, {0, -0.5f}};

    private final float[][][] anchors;
    private final float anchorT;

    /**
     * @param anchors per level and anchor the {@code (w, h)} in grid units ({@code model.24.anchors})
     * @param anchorT the largest allowed width or height ratio between target and anchor
     */
    public TargetAssigner(float[][][] anchors, double anchorT) {
        this.anchors = anchors;
        this.anchorT = (float) anchorT;
    }

    /**
     * @param targets    rows {@code [image, class, cx, cy, w, h]}, box normalized to the input size
     * @param gridShapes per level {@code (ny, nx)}
     */
    public List<LevelTargets> assign(float[][] targets, int[][] gridShapes) {
        if (gridShapes.length != anchors.length) {
            throw new IllegalArgumentException(gridShapes.length + " grid shapes for " + anchors.length + " levels");
        }
        List<LevelTargets> out = new ArrayList<>(anchors.length);
        for (int i = 0; i < anchors.length; i++) {
            out.add(assignLevel(targets, anchors[i], gridShapes[i][0], gridShapes[i][1]));
        }
        return out;
    }

    private LevelTargets assignLevel(float[][] targets, float[][] levelAnchors, int ny, int nx) {
        Rows rows = new Rows();
        float fx = nx;
        float fy = ny;
        for (int group = 0; group < OFFSETS.length; group++) {
            for (int a = 0; a < levelAnchors.length; a++) {
                for (float[] t : targets) {
                    float gx = t[2] * fx;
                    float gy = t[3] * fy;
                    float gw = t[4] * fx;
                    float gh = t[5] * fy;
                    if (matches(gw, gh, levelAnchors[a]) && inGroup(group, gx, gy, fx, fy)) {
                        rows.add(t, a, gx, gy, gw, gh, OFFSETS[group], levelAnchors[a], ny, nx);
                    }
                }
            }
        }
        return rows.toLevelTargets();
    }

    private boolean matches(float gw, float gh, float[] anchor) {
        float rw = gw / anchor[0];
        float rh = gh / anchor[1];
        float worst = Math.max(Math.max(rw, 1f / rw), Math.max(rh, 1f / rh));
        return worst < anchorT;
    }

    /** Whether a centre gets the neighbour cell of {@code group} (group 0, its own cell, always). */
    private static boolean inGroup(int group, float gx, float gy, float nx, float ny) {
        return switch (group) {
            case 0 -> true;
            case 1 -> nearLowEdge(gx);
            case 2 -> nearLowEdge(gy);
            case 3 -> nearLowEdge(nx - gx);
            case 4 -> nearLowEdge(ny - gy);
            default -> throw new IllegalArgumentException("offset group " + group);
        };
    }

    /** {@code v % 1 < 0.5 and v > 1} with Python's modulo (the sign of the divisor). */
    private static boolean nearLowEdge(float v) {
        float frac = v - (float) Math.floor(v);
        return frac < 0.5f && v > 1f;
    }

    /** Growing column arrays of one level's assignments. */
    private static final class Rows {
        private final List<int[]> ints = new ArrayList<>();
        private final List<float[]> floats = new ArrayList<>();

        void add(float[] t, int a, float gx, float gy, float gw, float gh, float[] off, float[] anchor, int ny,
                int nx) {
            // Truncation toward zero, as torch's .long(); the clamped cell is also what the box is
            // relative to, because the original clamps gij in place before computing tbox.
            long gi = clamp((long) (gx - off[0]), nx - 1);
            long gj = clamp((long) (gy - off[1]), ny - 1);
            ints.add(new int[] {(int) t[0], a, (int) gj, (int) gi, (int) t[1]});
            floats.add(new float[] {gx - gi, gy - gj, gw, gh, anchor[0], anchor[1]});
        }

        private static long clamp(long v, long max) {
            return Math.max(0, Math.min(max, v));
        }

        LevelTargets toLevelTargets() {
            int n = ints.size();
            int[] image = new int[n];
            int[] anchor = new int[n];
            int[] gridY = new int[n];
            int[] gridX = new int[n];
            int[] cls = new int[n];
            float[] box = new float[n * 4];
            float[] anchorWh = new float[n * 2];
            for (int k = 0; k < n; k++) {
                int[] r = ints.get(k);
                image[k] = r[0];
                anchor[k] = r[1];
                gridY[k] = r[2];
                gridX[k] = r[3];
                cls[k] = r[4];
                float[] f = floats.get(k);
                System.arraycopy(f, 0, box, k * 4, 4);
                System.arraycopy(f, 4, anchorWh, k * 2, 2);
            }
            return new LevelTargets(image, anchor, gridY, gridX, cls, box, anchorWh);
        }
    }
}
