package sparkyolo.gpucheck;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.detect.NmsOptions;
import sparkyolo.detect.Predictor;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.util.Npz;

/**
 * (c) Detection images/s as detect and val run it (Predictor: the fused model's forward, decode,
 * NMS with the defaults conf 0.25, IoU 0.45, on the host), from letterboxed BGR uint8 images to
 * boxes: the conversion to the model's layout counts, decoding and letterboxing do not (the
 * PyTorch side starts from the same arrays). Also the detections per image of the first batch,
 * which with trained weights (YOLOv5n's COCO weights of parity/) the PyTorch side must match.
 */
final class DetectThroughput {
    private DetectThroughput() {
    }

    /** Detection with {@code cfg} (a bundled model YAML) holding the state dict {@code weights}. */
    static Map<String, Object> run(String cfg, Path weights, Inputs inputs, Device device, int batchSize, int warmup,
            int iterations) throws IOException {
        int size = inputs.size();
        try (YoloNetwork model = YoloNetwork.build(ModelSpec.load(cfg), 0, device)) {
            model.parameters().load(Npz.read(weights), weights.toString());
            model.fuse();
            Predictor predictor = new Predictor(model);
            List<Integer> counts = new ArrayList<>();
            for (float[][] dets : predictor.predict(GpuCheck.pixels(inputs, batchSize), batchSize, size, size,
                    NmsOptions.defaults())) {
                counts.add(dets.length);
            }
            for (int i = 1; i < warmup; i++) {
                predictor.predict(GpuCheck.pixels(inputs, batchSize), batchSize, size, size, NmsOptions.defaults());
            }
            long t0 = System.nanoTime();
            long[] parts = new long[3];
            for (int i = 0; i < iterations; i++) {
                long c0 = System.nanoTime();
                float[] pixels = GpuCheck.pixels(inputs, batchSize);
                parts[0] += System.nanoTime() - c0;
                predictor.predict(pixels, batchSize, size, size, NmsOptions.defaults());
                Predictor.Timing t = predictor.lastTiming();
                parts[1] += t.inference();
                parts[2] += t.nms();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", cfg);
            out.put("img", size);
            out.put("batch", batchSize);
            out.put("iterations", iterations);
            out.put("images_per_s", (double) batchSize * iterations / seconds);
            out.put("to_model_layout_s", parts[0] / 1e9);
            out.put("to_device_inference_to_host_s", parts[1] / 1e9);
            out.put("nms_s", parts[2] / 1e9);
            out.put("seconds", seconds);
            out.put("first_batch_detections", counts);
            return out;
        }
    }
}
