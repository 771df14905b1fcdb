package sparkyolo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.hyp.Hyp;
import sparkyolo.model.ParameterStore;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.FreedMemory;

/** ComputeLoss and its gradients against loss.npz / loss.json. */
class ComputeLossParityTest {
    static LossFixtures fx;

    @BeforeAll
    static void load() throws IOException {
        fx = new LossFixtures();
    }

    /** The gains of a fixture variant: the hyp file as is, or rescaled as train.py does at 320². */
    static LossGains gains(String variant) {
        Hyp hyp = Hyp.defaults();
        return variant.equals("raw") ? LossGains.of(hyp) : LossGains.scaled(hyp, 3, 80, 320);
    }

    @ParameterizedTest
    @CsvSource({"x_img, raw", "x_img, train_scaled", "x_rand, raw"})
    void lossOfStoredTrainOutputsMatchesReference(String x, String variant) {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDList raw = new NDList();
            for (int i = 0; i < 3; i++) {
                raw.add(fx.array(m, fx.forward, x + "_train_raw" + i));
            }
            LossResult r = new ComputeLoss(fx.anchors, 80, gains(variant)).compute(raw, fx.targets(x));
            assertMatches(x, variant, r);
        }
    }

    @ParameterizedTest
    @CsvSource({"x_img, raw", "x_img, train_scaled", "x_rand, raw"})
    void lossOfOwnTrainForwardMatchesReference(String x, String variant) {
        try (YoloNetwork model = fx.referenceModel(); NDManager m = model.manager().newSubManager()) {
            NDList raw = model.forward(fx.array(m, fx.forward, x + "_input"), true);
            LossResult r = ComputeLoss.forModel(model, gains(variant)).compute(raw, fx.targets(x));
            assertMatches(x, variant, r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x_img", "x_rand"})
    void gradientsOfTrainForwardMatchReference(String x) {
        try (YoloNetwork model = fx.referenceModel(); NDManager m = model.manager().newSubManager()) {
            ParameterStore params = model.parameters();
            var trainable = params.trainable().stream().map(ParameterStore.Entry::array).toList();
            Autograd.requireGradients(trainable);
            Autograd.zeroGradients(trainable);
            ComputeLoss loss = ComputeLoss.forModel(model, gains("raw"));
            LossResult r = Autograd.recording(() -> {
                NDList raw = model.forward(fx.array(m, fx.forward, x + "_input"), true);
                return loss.compute(raw, fx.targets(x));
            });
            // The garbage collector may run between forward and backward; the graph must not
            // depend on memory it frees.
            FreedMemory.collectAndReuse();
            Autograd.backward(r.total());
            for (String name : fx.gradParams(x)) {
                float[] ref = fx.loss.get(x + "_raw_grad__" + name).toFloats();
                float[] ours = Autograd.gradient(params.get(name), m).toFloatArray();
                double rel = relativeError(ref, ours);
                assertTrue(rel <= 1e-4, x + " grad " + name + " relative error " + rel);
            }
        }
    }

    private static void assertMatches(String x, String variant, LossResult r) {
        Map<String, Object> ref = fx.lossCase(x, variant);
        float[] refItems = fx.loss.get(x + "_" + variant + "_loss_items").toFloats();
        float refTotal = fx.loss.get(x + "_" + variant + "_loss_total").toFloats()[0];
        assertEquals(((Number) ref.get("loss_total")).floatValue(), refTotal, "loss.json and loss.npz agree");
        assertEquals(1, r.total().size());
        assertRelative(refTotal, r.total().toFloatArray()[0], x + " " + variant + " total");
        String[] names = {"lbox", "lobj", "lcls"};
        for (int k = 0; k < 3; k++) {
            assertRelative(refItems[k], r.items()[k], x + " " + variant + " " + names[k]);
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(rel <= 1e-5, what + ": " + actual + " vs reference " + expected + " (relative " + rel + ")");
    }

    /** {@code ‖ours - ref‖ / ‖ref‖} in double. */
    private static double relativeError(float[] ref, float[] ours) {
        assertEquals(ref.length, ours.length);
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < ref.length; k++) {
            diff += Math.pow((double) ours[k] - ref[k], 2);
            norm += Math.pow(ref[k], 2);
        }
        return Math.sqrt(diff / norm);
    }
}
