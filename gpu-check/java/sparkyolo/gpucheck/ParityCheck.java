package sparkyolo.gpucheck;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.loss.ComputeLoss;
import sparkyolo.loss.LossGains;
import sparkyolo.loss.LossResult;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.ParameterStore;
import sparkyolo.model.YoloNetwork;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/**
 * (a) The original's reference outputs (parity/: YOLOv5n, inputs x_img 1×3×320² and x_rand
 * 2×3×256²) against SparkYOLO's forward (eval and train mode), decoded outputs, ComputeLoss and
 * gradients, computed on the device and on the CPU: each value's relative error
 * ‖ours − reference‖ / ‖reference‖, and on a GPU also ‖device − CPU‖ / ‖CPU‖.
 */
final class ParityCheck {
    static final double TOLERANCE = 1e-3;
    private static final String[] INPUTS = {"x_img", "x_rand"};

    private ParityCheck() {
    }

    static Map<String, Object> run(Path dir, Device device) throws IOException {
        Map<String, NpyArray> forward = Npz.read(dir.resolve("forward.npz"));
        Map<String, NpyArray> loss = Npz.read(dir.resolve("loss.npz"));
        Map<String, NpyArray> stateDict = Npz.read(dir.resolve("state_dict.npz"));
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> config = json.readValue(dir.resolve("model_config.json").toFile(), Map.class);
        Map<?, ?> lossJson = json.readValue(dir.resolve("loss.json").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        ModelSpec spec = ModelSpec.fromMap((Map<String, Object>) config.get("yaml"), "model_config.json");
        LossGains gains = LossGains.of(GpuCheck.hyp());

        Map<String, float[]> cpu = compute(spec, stateDict, forward, loss, lossJson, gains, Device.cpu());
        Map<String, float[]> ours = device.isGpu() ? compute(spec, stateDict, forward, loss, lossJson, gains, device) : cpu;
        List<Map<String, Object>> rows = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, float[]> e : ours.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", e.getKey());
            double vsRef = relativeError(e.getValue(), reference(e.getKey(), forward, loss));
            row.put("vs_reference", vsRef);
            worst = Math.max(worst, vsRef);
            if (device.isGpu()) {
                double vsCpu = relativeError(e.getValue(), cpu.get(e.getKey()));
                row.put("vs_cpu", vsCpu);
                worst = Math.max(worst, vsCpu);
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device", device.toString());
        out.put("tolerance", TOLERANCE);
        out.put("worst_relative_error", worst);
        out.put("pass", worst <= TOLERANCE);
        out.put("values", rows);
        return out;
    }

    /**
     * Every compared value by name ({@code x_img/eval_raw0}, {@code x_img/loss_items},
     * {@code x_img/grad/model.0.conv.weight}, …), computed on {@code device}, copied to the host.
     */
    private static Map<String, float[]> compute(ModelSpec spec, Map<String, NpyArray> stateDict,
            Map<String, NpyArray> forward, Map<String, NpyArray> loss, Map<?, ?> lossJson, LossGains gains, Device device) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String x : INPUTS) {
            try (YoloNetwork model = model(spec, stateDict, device); NDManager m = model.manager().newSubManager()) {
                Engines.withoutGrad(() -> {
                    NDList raw = model.forward(array(m, forward.get(x + "_input")), false);
                    for (int i = 0; i < raw.size(); i++) {
                        out.put(x + "/eval_raw" + i, raw.get(i).toFloatArray());
                    }
                    out.put(x + "/eval_decoded", model.detect().decode(raw).toFloatArray());
                    return null;
                });
            }
            try (YoloNetwork model = model(spec, stateDict, device); NDManager m = model.manager().newSubManager()) {
                ParameterStore params = model.parameters();
                var trainable = params.trainable().stream().map(ParameterStore.Entry::array).toList();
                Autograd.requireGradients(trainable);
                Autograd.zeroGradients(trainable);
                ComputeLoss computeLoss = ComputeLoss.forModel(model, gains);
                NDArray input = array(m, forward.get(x + "_input"));
                LossResult r = Autograd.recording(() -> {
                    NDList raw = model.forward(input, true);
                    for (int i = 0; i < raw.size(); i++) {
                        out.put(x + "/train_raw" + i, raw.get(i).toFloatArray());
                    }
                    return computeLoss.compute(raw, loss.get(x + "_targets").toFloatRows());
                });
                Autograd.backward(r.total());
                out.put(x + "/loss_total", r.total().toFloatArray());
                out.put(x + "/loss_items", r.items().clone());
                for (Object name : gradParams(lossJson, x)) {
                    out.put(x + "/grad/" + name, Autograd.gradient(params.get((String) name), m).toFloatArray());
                }
            }
        }
        return out;
    }

    private static YoloNetwork model(ModelSpec spec, Map<String, NpyArray> stateDict, Device device) {
        YoloNetwork model = YoloNetwork.build(spec, 0, device);
        model.parameters().load(stateDict, "state_dict.npz");
        return model;
    }

    /** The reference of a value named as in {@link #compute}. */
    private static float[] reference(String name, Map<String, NpyArray> forward, Map<String, NpyArray> loss) {
        String x = name.substring(0, name.indexOf('/'));
        String what = name.substring(name.indexOf('/') + 1);
        if (what.startsWith("grad/")) {
            return loss.get(x + "_raw_grad__" + what.substring(5)).toFloats();
        }
        if (what.startsWith("loss_")) {
            return loss.get(x + "_raw_" + what).toFloats();
        }
        return forward.get(x + "_" + what).toFloats();
    }

    private static List<?> gradParams(Map<?, ?> lossJson, String x) {
        return (List<?>) ((Map<?, ?>) ((Map<?, ?>) lossJson.get("cases")).get(x)).get("grad_params");
    }

    private static NDArray array(NDManager m, NpyArray a) {
        return m.create(a.toFloats(), new Shape(a.shape()));
    }

    /** {@code ‖ours − ref‖ / ‖ref‖} in double. */
    static double relativeError(float[] ours, float[] ref) {
        if (ours.length != ref.length) {
            throw new IllegalArgumentException(ours.length + " values, reference has " + ref.length);
        }
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < ref.length; k++) {
            diff += Math.pow((double) ours[k] - ref[k], 2);
            norm += Math.pow(ref[k], 2);
        }
        return Math.sqrt(diff / norm);
    }
}
