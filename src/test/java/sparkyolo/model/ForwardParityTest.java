package sparkyolo.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkyolo.engine.Engines;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

/** The model built from model_config.json + state_dict.npz against the original's outputs. */
class ForwardParityTest {
    static Map<String, NpyArray> forward;
    static Map<String, NpyArray> stateDict;
    static ModelSpec spec;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        forward = SharedFixtures.npz("forward.npz");
        stateDict = SharedFixtures.npz("state_dict.npz");
        Map<String, Object> config = new ObjectMapper().readValue(SharedFixtures.parity("model_config.json").toFile(), Map.class);
        spec = ModelSpec.fromMap((Map<String, Object>) config.get("yaml"), "model_config.json");
    }

    static YoloNetwork referenceModel() {
        YoloNetwork model = YoloNetwork.build(spec, 0);
        model.parameters().load(stateDict, "state_dict.npz");
        return model;
    }

    static NDArray input(NDManager m, String x) {
        NpyArray in = forward.get(x + "_input");
        return m.create(in.toFloats(), new Shape(in.shape()));
    }

    static float maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void stateDictHasUltralyticsKeysInOrder() {
        try (YoloNetwork model = referenceModel()) {
            assertArrayEquals(stateDict.keySet().toArray(), model.parameters().toStateDict().keySet().toArray());
            assertEquals(1_872_157, model.parameters().parameterCount());
            assertArrayEquals(new double[] {8, 16, 32}, model.detect().strides());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x_img", "x_rand"})
    void evalOutputsMatchReference(String x) {
        try (YoloNetwork model = referenceModel(); NDManager m = model.manager().newSubManager()) {
            NDArray decoded = Engines.withoutGrad(() -> {
                NDList raw = model.forward(input(m, x), false);
                for (int i = 0; i < 3; i++) {
                    NpyArray ref = forward.get(x + "_eval_raw" + i);
                    assertArrayEquals(ref.shape(), raw.get(i).getShape().getShape());
                    float d = maxAbsDiff(ref.toFloats(), raw.get(i).toFloatArray());
                    assertTrue(d <= 1e-4, x + " raw" + i + " max abs diff " + d);
                }
                return model.detect().decode(raw);
            });
            NpyArray ref = forward.get(x + "_eval_decoded");
            assertArrayEquals(ref.shape(), decoded.getShape().getShape());
            float[] r = ref.toFloats();
            float[] d = decoded.toFloatArray();
            float boxDiff = 0;
            float scoreDiff = 0;
            for (int i = 0; i < r.length; i++) {
                float diff = Math.abs(r[i] - d[i]);
                if (i % 85 < 4) {
                    boxDiff = Math.max(boxDiff, diff);
                } else {
                    scoreDiff = Math.max(scoreDiff, diff);
                }
            }
            assertTrue(boxDiff <= 1e-3, x + " decoded boxes max diff " + boxDiff + " px");
            assertTrue(scoreDiff <= 1e-5, x + " decoded scores max diff " + scoreDiff);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x_img", "x_rand"})
    void trainOutputsAndBatchNormBuffersMatchReference(String x) {
        try (YoloNetwork model = referenceModel(); NDManager m = model.manager().newSubManager()) {
            Engines.withoutGrad(() -> {
                NDList raw = model.forward(input(m, x), true);
                for (int i = 0; i < 3; i++) {
                    float d = maxAbsDiff(forward.get(x + "_train_raw" + i).toFloats(), raw.get(i).toFloatArray());
                    assertTrue(d <= 1e-4, x + " train raw" + i + " max abs diff " + d);
                }
                return null;
            });
            Map<String, NpyArray> after = model.parameters().toStateDict();
            for (String bn : new String[] {"model.0.bn", "model.23.cv3.bn"}) {
                for (String buf : new String[] {"running_mean", "running_var"}) {
                    String key = bn + "." + buf;
                    float d = maxAbsDiff(forward.get(x + "_train_after_" + key).toFloats(), after.get(key).toFloats());
                    assertTrue(d <= 1e-4, key + " max abs diff " + d);
                }
                assertEquals(forward.get(x + "_train_after_" + bn + ".num_batches_tracked").toLongs()[0],
                        after.get(bn + ".num_batches_tracked").toLongs()[0]);
            }
        }
    }

    @Test
    void fusedModelGivesTheSameDetections() {
        try (YoloNetwork model = referenceModel(); NDManager m = model.manager().newSubManager()) {
            float[] plain = model.predict(input(m, "x_img")).toFloatArray();
            model.fuse();
            assertTrue(model.parameters().toStateDict().containsKey("model.0.conv.bias"));
            float[] fused = model.predict(input(m, "x_img")).toFloatArray();
            float boxDiff = 0;
            for (int i = 0; i < plain.length; i++) {
                boxDiff = Math.max(boxDiff, Math.abs(plain[i] - fused[i]));
            }
            // The README measured fusion noise up to 8.2e-4 px on the decoded boxes.
            assertTrue(boxDiff <= 2e-3, "fused vs unfused max diff " + boxDiff);
        }
    }
}
