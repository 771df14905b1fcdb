package sparkyolo.gpucheck;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.engine.Engines;
import sparkyolo.engine.TorchLibrary;
import sparkyolo.hyp.Hyp;
import sparkyolo.image.ImageTensors;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.util.Npz;

/**
 * The device check without Spark: SparkYOLO's own model, loss, training step and detection code
 * on the first GPU that DJL sees (else the CPU), in one JVM. (a) parity of forward, loss and
 * gradients with the original's reference outputs and with the CPU; (b) training images/s of
 * YOLOv5s; (c) detection images/s of YOLOv5s, and of YOLOv5n with COCO weights (whose detections
 * the PyTorch side must match). Writes one JSON report; the PyTorch side of (b) and (c) runs the
 * original YOLOv5 on the same inputs and weights (python/reference.py).
 *
 * <pre>
 * GpuCheck --parity DIR --inputs inputs.npz --weights-out init.npz --out report.json
 *          [--threads N] [--img 640] [--train-batch 16] [--train-warmup 3] [--train-iters 10]
 *          [--detect-batch 32] [--detect-warmup 2] [--detect-iters 5]
 * </pre>
 */
public final class GpuCheck {
    private static final Logger LOG = LogManager.getLogger(GpuCheck.class);
    /** The model of the throughput checks, built from seed 0; its weights go to the PyTorch side. */
    static final String MODEL = "yolov5s.yaml";
    /** The model of parity/state_dict.npz (COCO weights), whose detections both sides must agree on. */
    static final String COCO_MODEL = "yolov5n.yaml";

    private GpuCheck() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Map<String, Object> report = new LinkedHashMap<>();
        Engines.pytorch(args.integer("threads", Runtime.getRuntime().availableProcessors()));
        TorchLibrary.Loaded library = Engines.library();
        // A CUDA libtorch whose GPUs DJL cannot count (its CUDA runtime not found through JNA) still
        // computes on them: the device is what libtorch is asked for, the count only DJL's guess.
        Device device = library.cuda() ? Device.gpu(0) : Device.cpu();
        if (library.cuda() && library.gpus() == 0) {
            LOG.warn("DJL sees no GPU, computing on {} all the same: {}", device, library.describe());
        }
        report.put("libtorch", library.describe());
        report.put("libtorch_version", library.version());
        report.put("device", device.toString());
        LOG.info("computing on {} with {}", device, library.describe());

        int img = args.integer("img", 640);
        Path weights = Path.of(args.required("weights-out"));
        section(report, "weights", () -> writeInitialWeights(weights));
        section(report, "parity", () -> ParityCheck.run(Path.of(args.required("parity")), device));
        Inputs inputs = Inputs.read(Path.of(args.required("inputs")), img);
        section(report, "train", () -> TrainThroughput.run(inputs, weights, device, args.integer("train-batch", 16),
                args.integer("train-warmup", 3), args.integer("train-iters", 10)));
        int detectBatch = args.integer("detect-batch", 32);
        int detectWarmup = args.integer("detect-warmup", 2);
        int detectIters = args.integer("detect-iters", 5);
        section(report, "detect", () -> DetectThroughput.run(MODEL, weights, inputs, device, detectBatch, detectWarmup,
                detectIters));
        section(report, "detect_coco", () -> DetectThroughput.run(COCO_MODEL,
                Path.of(args.required("parity")).resolve("state_dict.npz"), inputs, device, detectBatch, detectWarmup,
                detectIters));

        Path out = Path.of(args.required("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
        LOG.info("report written to {}", out);
    }

    /** Runs one part of the check; a failure is reported in its place and the next part still runs. */
    private static void section(Map<String, Object> report, String name, Callable<Object> body) {
        long t0 = System.nanoTime();
        try {
            report.put(name, body.call());
            LOG.info("{}: done in {} s", name, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        } catch (Throwable t) {
            LOG.error(name + ": failed", t);
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("error", t.toString());
            Throwable cause = t.getCause();
            if (cause != null) {
                failed.put("cause", cause.toString());
            }
            report.put(name, failed);
        }
    }

    /** YOLOv5s with PyTorch's default initialization from seed 0, built on the CPU, as an .npz state dict. */
    private static Object writeInitialWeights(Path file) throws IOException {
        try (YoloNetwork model = YoloNetwork.build(ModelSpec.load(MODEL), 0, Device.cpu())) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Npz.toBytes(model.parameters().toStateDict(), Map.of()));
            return Map.of("file", file.toString(), "parameters", model.parameters().parameterCount());
        }
    }

    /** The original's hyp.scratch-low.yaml, bundled with SparkYOLO. */
    static Hyp hyp() throws IOException {
        try (InputStream in = GpuCheck.class.getResourceAsStream("/hyps/hyp.scratch-low.yaml")) {
            return Hyp.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "hyp.scratch-low.yaml");
        }
    }

    /** {@code n} images of {@code inputs} (cycling) in the model's input layout, N×3×H×W. */
    static float[] pixels(Inputs inputs, int n) {
        int hw = inputs.size() * inputs.size();
        float[] out = new float[n * 3 * hw];
        for (int i = 0; i < n; i++) {
            ImageTensors.write(inputs.images(), (i % inputs.count()) * 3 * hw, hw, out, i * 3 * hw);
        }
        return out;
    }
}
