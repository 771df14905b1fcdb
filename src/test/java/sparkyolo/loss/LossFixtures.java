package sparkyolo.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

/** The parity fixtures the loss tests share (loaded once per test class). */
final class LossFixtures {
    final Map<String, NpyArray> loss;
    final Map<String, NpyArray> buildTargets;
    final Map<String, NpyArray> forward;
    final Map<String, Object> lossJson;
    final float[][][] anchors;
    private final Map<String, NpyArray> stateDict;
    private final ModelSpec spec;

    @SuppressWarnings("unchecked")
    LossFixtures() throws IOException {
        loss = SharedFixtures.npz("loss.npz");
        buildTargets = SharedFixtures.npz("build_targets.npz");
        forward = SharedFixtures.npz("forward.npz");
        stateDict = SharedFixtures.npz("state_dict.npz");
        ObjectMapper json = new ObjectMapper();
        lossJson = json.readValue(SharedFixtures.parity("loss.json").toFile(), Map.class);
        Map<String, Object> config = json.readValue(SharedFixtures.parity("model_config.json").toFile(), Map.class);
        spec = ModelSpec.fromMap((Map<String, Object>) config.get("yaml"), "model_config.json");
        anchors = anchors((List<List<List<Number>>>) config.get("anchors_grid_units"));
    }

    private static float[][][] anchors(List<List<List<Number>>> levels) {
        float[][][] out = new float[levels.size()][][];
        for (int i = 0; i < out.length; i++) {
            List<List<Number>> level = levels.get(i);
            out[i] = new float[level.size()][];
            for (int a = 0; a < out[i].length; a++) {
                out[i][a] = new float[] {level.get(a).get(0).floatValue(), level.get(a).get(1).floatValue()};
            }
        }
        return out;
    }

    /** A fresh model with the reference weights (train-mode forwards change its BN buffers). */
    YoloNetwork referenceModel() {
        YoloNetwork model = YoloNetwork.build(spec, 0);
        model.parameters().load(stateDict, "state_dict.npz");
        return model;
    }

    /** {@code {x}_targets} as rows. */
    float[][] targets(String x) {
        return loss.get(x + "_targets").toFloatRows();
    }

    NDArray array(NDManager m, Map<String, NpyArray> npz, String key) {
        NpyArray a = npz.get(key);
        return m.create(a.toFloats(), new Shape(a.shape()));
    }

    /** {@code loss.json["cases"][x][variant]}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> lossCase(String x, String variant) {
        Map<String, Object> cases = (Map<String, Object>) lossJson.get("cases");
        return (Map<String, Object>) ((Map<String, Object>) cases.get(x)).get(variant);
    }

    @SuppressWarnings("unchecked")
    List<String> gradParams(String x) {
        Map<String, Object> cases = (Map<String, Object>) lossJson.get("cases");
        return (List<String>) ((Map<String, Object>) cases.get(x)).get("grad_params");
    }
}
