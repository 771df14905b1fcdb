package sparkyolo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.List;
import sparkyolo.engine.ScalarOps;
import sparkyolo.model.YoloNetwork;

/**
 * The original's {@code ComputeLoss} (YOLOv5 v6.2, autobalance off): CIoU box loss and class BCE on
 * the predictions assigned to targets, objectness BCE on every cell against the detached CIoU of
 * the assigned prediction, levels weighted by the objectness balance.
 */
public final class ComputeLoss {
    private static final double[] BALANCE_3 = {4.0, 1.0, 0.4};
    private static final double[] BALANCE_OTHER = {4.0, 1.0, 0.25, 0.06, 0.02};

    private final int nc;
    private final float[][][] anchors;
    private final double[] balance;
    private final LossGains gains;
    private final TargetAssigner assigner;
    private final BceWithLogits bceCls;
    private final BceWithLogits bceObj;
    private final float positive;
    private final float negative;

    /**
     * @param anchors per level and anchor the {@code (w, h)} in grid units
     * @param nc      number of classes
     */
    public ComputeLoss(float[][][] anchors, int nc, LossGains gains) {
        if (anchors.length < 1 || anchors.length > BALANCE_OTHER.length) {
            throw new IllegalArgumentException("the loss supports 1 to 5 detection levels, got " + anchors.length);
        }
        this.nc = nc;
        this.anchors = anchors;
        this.balance = anchors.length == 3 ? BALANCE_3 : Arrays.copyOf(BALANCE_OTHER, anchors.length);
        this.gains = gains;
        this.assigner = new TargetAssigner(anchors, gains.anchorT());
        this.bceCls = new BceWithLogits(gains.clsPw(), gains.flGamma());
        this.bceObj = new BceWithLogits(gains.objPw(), gains.flGamma());
        this.positive = (float) (1.0 - 0.5 * gains.labelSmoothing());
        this.negative = (float) (0.5 * gains.labelSmoothing());
    }

    /** The loss of {@code model}'s Detect head (its current anchors and class count). */
    public static ComputeLoss forModel(YoloNetwork model, LossGains gains) {
        // Detect is always the last layer, so its anchors buffer is model.{last}.anchors.
        String name = "model." + (model.spec().layers().size() - 1) + ".anchors";
        NDArray buffer = model.parameters().get(name);
        long[] shape = buffer.getShape().getShape();
        float[] values = buffer.toFloatArray();
        float[][][] anchors = new float[(int) shape[0]][(int) shape[1]][2];
        for (int i = 0; i < shape[0]; i++) {
            for (int a = 0; a < shape[1]; a++) {
                int k = (int) ((i * shape[1] + a) * 2);
                anchors[i][a] = new float[] {values[k], values[k + 1]};
            }
        }
        return new ComputeLoss(anchors, model.nc(), gains);
    }

    /**
     * @param predictions raw Detect outputs per level, {@code (bs, na, ny, nx, 5 + nc)} logits
     * @param targets     rows {@code [image, class, cx, cy, w, h]}, box normalized to the input size
     * @return the loss; its arrays and all intermediates belong to the manager of the first
     *         prediction, which the caller closes after backward
     */
    public LossResult compute(NDList predictions, float[][] targets) {
        if (predictions.size() != anchors.length) {
            throw new IllegalArgumentException(predictions.size() + " prediction levels for " + anchors.length
                    + " anchor levels");
        }
        for (NDArray p : predictions) {
            if (p.getShape().dimension() != 5 || p.getShape().get(4) != nc + 5) {
                throw new IllegalArgumentException("predictions must be (bs, na, ny, nx, " + (nc + 5) + "), got "
                        + p.getShape());
            }
        }
        NDManager m = predictions.get(0).getManager();
        int bs = (int) predictions.get(0).getShape().get(0);
        checkTargets(targets, bs);
        List<LevelTargets> assigned = assigner.assign(targets, gridShapes(predictions));

        NDArray lbox = m.zeros(new Shape(1));
        NDArray lobj = m.zeros(new Shape(1));
        NDArray lcls = m.zeros(new Shape(1));
        for (int i = 0; i < predictions.size(); i++) {
            NDArray p = predictions.get(i);
            LevelTargets t = assigned.get(i);
            float[] tobj = new float[(int) (p.size() / p.getShape().get(4))];
            if (t.size() > 0) {
                long[] cells = cellIndices(p, t);
                NDArray selected = p.reshape(-1, p.getShape().get(4)).get(new NDIndex("{}", m.create(cells)));
                NDArray ciou = Ciou.of(predictedBoxes(selected, t, m), m.create(t.box(), new Shape(t.size(), 4)));
                lbox = lbox.add(ScalarOps.subFrom(1f, ciou).mean());
                fillObjectnessTargets(tobj, cells, ciou.toFloatArray());
                if (nc > 1) {
                    NDArray logits = selected.get(new NDIndex(":, 5:"));
                    lcls = lcls.add(bceCls.mean(logits, classTargets(t, m)));
                }
            }
            NDArray objLogits = p.get(new NDIndex("..., 4"));
            NDArray obji = bceObj.mean(objLogits, m.create(tobj, objLogits.getShape()));
            lobj = lobj.add(ScalarOps.mul(obji, (float) balance[i]));
        }
        lbox = ScalarOps.mul(lbox, (float) gains.box());
        lobj = ScalarOps.mul(lobj, (float) gains.obj());
        lcls = ScalarOps.mul(lcls, (float) gains.cls());
        NDArray total = ScalarOps.mul(lbox.add(lobj).add(lcls), (float) bs);
        return new LossResult(total, lbox.getFloat(0), lobj.getFloat(0), lcls.getFloat(0));
    }

    private void checkTargets(float[][] targets, int bs) {
        for (int k = 0; k < targets.length; k++) {
            float[] t = targets[k];
            if (t.length != 6) {
                throw new IllegalArgumentException("target row " + k + " has " + t.length
                        + " values, expected [image, class, cx, cy, w, h]");
            }
            if (!(t[0] >= 0 && t[0] < bs)) {
                throw new IllegalArgumentException("target row " + k + ": image index " + t[0]
                        + " is outside the batch of " + bs);
            }
            if (!(t[1] >= 0 && t[1] < nc)) {
                throw new IllegalArgumentException("target row " + k + ": class " + t[1] + " exceeds nc=" + nc
                        + " (classes are 0.." + (nc - 1) + ")");
            }
        }
    }

    private static int[][] gridShapes(NDList predictions) {
        int[][] shapes = new int[predictions.size()][];
        for (int i = 0; i < shapes.length; i++) {
            Shape s = predictions.get(i).getShape();
            shapes[i] = new int[] {(int) s.get(2), (int) s.get(3)};
        }
        return shapes;
    }

    /** Row of each assignment in the level's predictions flattened to {@code (bs*na*ny*nx, no)}. */
    private static long[] cellIndices(NDArray p, LevelTargets t) {
        Shape s = p.getShape();
        long na = s.get(1);
        long ny = s.get(2);
        long nx = s.get(3);
        long[] idx = new long[t.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = ((t.image()[k] * na + t.anchor()[k]) * ny + t.gridY()[k]) * nx + t.gridX()[k];
        }
        return idx;
    }

    /** {@code xy = 2σ(t) - 0.5} (relative to the cell), {@code wh = (2σ(t))² * anchor}, in grid units. */
    private static NDArray predictedBoxes(NDArray selected, LevelTargets t, NDManager m) {
        NDArray xy = ScalarOps.sub(ScalarOps.mul(Activation.sigmoid(selected.get(new NDIndex(":, 0:2"))), 2f), 0.5f);
        NDArray wh = ScalarOps.pow(ScalarOps.mul(Activation.sigmoid(selected.get(new NDIndex(":, 2:4"))), 2f), 2f)
                .mul(m.create(t.anchorWh(), new Shape(t.size(), 2)));
        return NDArrays.concat(new NDList(xy, wh), 1);
    }

    /** {@code tobj[cell] = max(ciou, 0)} in assignment order, so the last assignment of a cell wins. */
    private static void fillObjectnessTargets(float[] tobj, long[] cells, float[] ciou) {
        for (int k = 0; k < cells.length; k++) {
            tobj[(int) cells[k]] = Math.max(ciou[k], 0f);
        }
    }

    private NDArray classTargets(LevelTargets t, NDManager m) {
        float[] values = new float[t.size() * nc];
        Arrays.fill(values, negative);
        for (int k = 0; k < t.size(); k++) {
            values[k * nc + t.cls()[k]] = positive;
        }
        return m.create(values, new Shape(t.size(), nc));
    }
}
