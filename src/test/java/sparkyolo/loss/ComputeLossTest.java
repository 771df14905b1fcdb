package sparkyolo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;

/**
 * ComputeLoss on one 2x2 level with one anchor of 1x1 cells, values derived by hand. With all
 * box logits 0, σ = 0.5 gives pxy = 0.5 (the cell centre) and pwh = (2 * 0.5)² * anchor = 1x1, so a
 * 1x1 target at {@code cx = cy = 0.25} (grid (0.5, 0.5), no neighbour cell) is predicted exactly:
 * CIoU = 1 up to eps.
 */
class ComputeLossTest {
    static final int NC = 3;
    static final int NO = 5 + NC;
    static final float[][][] ANCHORS = {{{1f, 1f}}};
    static final double LN2 = Math.log(2);
    /** BCE(x = 1, t = 1) = log(1 + e^-1). */
    static final double BCE_1_1 = Math.log1p(Math.exp(-1));
    /** A 1x1-cell target centred in cell (0, 0), predicted exactly by zero box logits. */
    static final float[] EXACT = {0, 0, 0.25f, 0.25f, 0.5f, 0.5f};

    NDManager m;

    @BeforeEach
    void open() {
        m = Engines.pytorch().newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    static LossGains gains(double flGamma, double labelSmoothing) {
        return new LossGains(0.05, 1.0, 0.5, 1.0, 1.0, 4.0, flGamma, 0.0).withLabelSmoothing(labelSmoothing);
    }

    /** One image, prediction logits 0 except objectness 1 and class logits (2, -1, 0.5) at cell (0, 0). */
    NDList predictions() {
        float[] p = new float[4 * NO];
        p[4] = 1f;
        p[5] = 2f;
        p[6] = -1f;
        p[7] = 0.5f;
        return new NDList(m.create(p, new Shape(1, 1, 2, 2, NO)));
    }

    LossResult loss(LossGains gains, float[]... targets) {
        return new ComputeLoss(ANCHORS, NC, gains).compute(predictions(), targets);
    }

    static double bce(double x, double t) {
        double p = 1 / (1 + Math.exp(-x));
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    @Test
    void exactPredictionCostsOnlyObjectnessOfOtherCellsAndClassBce() {
        LossResult r = loss(gains(0, 0), EXACT);
        assertEquals(0, r.box(), 1e-7);
        // Objectness: balance 4.0 for one level times the mean over 4 cells: the target cell
        // (x = 1, tobj = CIoU = 1) and three empty cells (x = 0: ln 2 each).
        assertEquals(4.0 * (BCE_1_1 + 3 * LN2) / 4, r.obj(), 1e-6);
        // Class: mean over 3 logits of BCE against one-hot (1, 0, 0), times cls gain 0.5.
        double cls = (bce(2, 1) + bce(-1, 0) + bce(0.5, 0)) / 3 * 0.5;
        assertEquals(cls, r.cls(), 1e-6);
        assertEquals(r.box() + r.obj() + r.cls(), r.total().getFloat(), 1e-6);
    }

    @Test
    void labelSmoothingMovesClassTargetsToOneMinusHalfEpsAndHalfEps() {
        // eps 0.1: positive target 0.95, negatives 0.05; box and objectness are unchanged.
        LossResult r = loss(gains(0, 0.1), EXACT);
        double cls = (bce(2, 0.95) + bce(-1, 0.05) + bce(0.5, 0.05)) / 3 * 0.5;
        assertEquals(cls, r.cls(), 1e-6);
        assertEquals(4.0 * (BCE_1_1 + 3 * LN2) / 4, r.obj(), 1e-6);
    }

    @Test
    void focalLossWrapsBothClassAndObjectnessBce() {
        // gamma 1.5: each BCE term times alpha_t (1 - p_t)^1.5 with alpha_t 0.25 for t = 1, 0.75 for t = 0.
        LossResult r = loss(gains(1.5, 0), EXACT);
        double s1 = 1 / (1 + Math.exp(-1));
        double emptyCell = LN2 * 0.75 * Math.pow(0.5, 1.5);
        double targetCell = BCE_1_1 * 0.25 * Math.pow(1 - s1, 1.5);
        assertEquals(4.0 * (targetCell + 3 * emptyCell) / 4, r.obj(), 1e-6);
        double s2 = 1 / (1 + Math.exp(-2));
        double sm1 = 1 / (1 + Math.exp(1));
        double s05 = 1 / (1 + Math.exp(-0.5));
        double cls = (bce(2, 1) * 0.25 * Math.pow(1 - s2, 1.5) + bce(-1, 0) * 0.75 * Math.pow(sm1, 1.5)
                + bce(0.5, 0) * 0.75 * Math.pow(s05, 1.5)) / 3 * 0.5;
        assertEquals(cls, r.cls(), 1e-6);
    }

    @Test
    void lastAssignmentOfASharedCellSetsItsObjectnessTarget() {
        // Both targets land on cell (0, 0) with the same anchor. The 2x2 one has CIoU 0.25 with the
        // 1x1 prediction (same centre and aspect: IoU 1/4, no distance or aspect penalty).
        float[] large = {0, 1, 0.25f, 0.25f, 1f, 1f};
        LossResult largeLast = loss(gains(0, 0), EXACT, large);
        LossResult exactLast = loss(gains(0, 0), large, EXACT);
        assertEquals(4.0 * (bce(1, 0.25) + 3 * LN2) / 4, largeLast.obj(), 1e-6);
        assertEquals(4.0 * (BCE_1_1 + 3 * LN2) / 4, exactLast.obj(), 1e-6);
        // Box loss: mean(1 - CIoU) over both rows, in either order.
        assertEquals(0.05 * (0 + 0.75) / 2, largeLast.box(), 1e-6);
        assertEquals(largeLast.box(), exactLast.box(), 1e-7);
    }

    @Test
    void emptyTargetsGiveOnlyObjectnessLossWithFiniteGradients() {
        NDArray p = predictions().get(0);
        Autograd.requireGradients(List.of(p));
        ComputeLoss computeLoss = new ComputeLoss(ANCHORS, NC, gains(0, 0));
        LossResult r = Autograd.recording(() -> computeLoss.compute(new NDList(p), new float[0][]));
        assertEquals(0f, r.box());
        assertEquals(0f, r.cls());
        // All tobj = 0: cell (0, 0) has BCE(1, 0) = 1 + log(1 + e^-1), the others ln 2.
        assertEquals(4.0 * (1 + BCE_1_1 + 3 * LN2) / 4, r.obj(), 1e-6);
        Autograd.backward(r.total());
        float[] grad = Autograd.gradient(p, m).toFloatArray();
        // d/dx of 4 * mean over 4 cells of BCE(x, 0) = σ(x): 0.5 at the empty cells; 0 off objectness.
        for (int k = 0; k < grad.length; k++) {
            assertTrue(Float.isFinite(grad[k]));
            double expected = k % NO != 4 ? 0 : k == 4 ? 1 / (1 + Math.exp(-1)) : 0.5;
            assertEquals(expected, grad[k], 1e-6, "gradient " + k);
        }
    }

    @Test
    void singleClassModelsHaveNoClassLoss() {
        float[] p = new float[4 * 6];
        NDList predictions = new NDList(m.create(p, new Shape(1, 1, 2, 2, 6)));
        LossResult r = new ComputeLoss(ANCHORS, 1, gains(0, 0)).compute(predictions, new float[][] {EXACT});
        assertEquals(0f, r.cls());
    }

    @Test
    void classOutsideTheModelOrImageOutsideTheBatchIsRejected() {
        ComputeLoss computeLoss = new ComputeLoss(ANCHORS, NC, gains(0, 0));
        IllegalArgumentException cls = assertThrows(IllegalArgumentException.class,
                () -> computeLoss.compute(predictions(), new float[][] {{0, 3, 0.25f, 0.25f, 0.5f, 0.5f}}));
        assertTrue(cls.getMessage().contains("class 3.0 exceeds nc=3"), cls.getMessage());
        IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
                () -> computeLoss.compute(predictions(), new float[][] {{1, 0, 0.25f, 0.25f, 0.5f, 0.5f}}));
        assertTrue(image.getMessage().contains("outside the batch of 1"), image.getMessage());
    }
}
