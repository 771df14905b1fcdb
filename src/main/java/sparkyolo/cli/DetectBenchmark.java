package sparkyolo.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opencv.core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkyolo.data.ImageFiles;
import sparkyolo.detect.ImageSize;
import sparkyolo.detect.NmsOptions;
import sparkyolo.detect.Predictor;
import sparkyolo.engine.Engines;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.InferenceNetwork;
import sparkyolo.spark.ModelPool;
import sparkyolo.util.InvalidOptionException;
import sparkyolo.weights.Checkpoint;

/**
 * {@code benchmark detect}: images/s of the detection path (decode, letterbox, inference, NMS,
 * scale back), one image at a time in this JVM with a fixed number of compute threads, the way
 * the original's detect.py runs; reported beside reference figures as a ratio. With both engines,
 * they take turns over the same images (the order alternating each round), so that a machine
 * whose load changes affects both alike, and their ratio is printed.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Throughput of detection (preprocess + inference + NMS) at several sizes, per inference engine.")
final class DetectBenchmark implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(DetectBenchmark.class);

    enum EngineChoice { pytorch, onnxruntime, both }

    @Mixin
    WeightsOptions weights;

    @Option(names = "--source", required = true, description = "Images (file, directory, glob or .txt list).")
    String source;

    @Option(names = {"--img", "--imgsz"}, arity = "1..*", defaultValue = "320,640", split = ",",
            description = "Sizes to measure (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--engine", defaultValue = "both",
            description = "pytorch, onnxruntime or both, side by side (default: ${DEFAULT-VALUE}).")
    EngineChoice engine;

    @Option(names = "--threads", defaultValue = "1", description = "Compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "5", description = "Images run before timing (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Timed passes over the images per engine and size (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        InvalidOptionException.requireAtLeast("--rounds", rounds, 1);
        InvalidOptionException.requireAtLeast("--threads", threads, 1);
        Engines.pytorch(threads);
        OpenCv.ensureLoaded();
        HadoopFiles files = HadoopFiles.local();
        Checkpoint checkpoint = weights.load(files);
        List<String> images = ImageFiles.list(files, source);
        List<byte[]> encoded = new ArrayList<>();
        for (String p : images) {
            encoded.add(files.readAllBytes(p));
        }
        List<InferenceEngine> engines = engine == EngineChoice.both
                ? List.of(InferenceEngine.pytorch, InferenceEngine.onnxruntime)
                : List.of(InferenceEngine.valueOf(engine.name()));
        Map<InferenceEngine, InferenceNetwork> networks = new LinkedHashMap<>();
        try {
            for (InferenceEngine e : engines) {
                networks.put(e, ModelPool.open(checkpoint, e, threads));
            }
            for (int size : sizes) {
                measure(networks, encoded, images, ImageSize.check(size, networks.values().iterator().next().maxStride()));
            }
        } finally {
            networks.values().forEach(InferenceNetwork::close);
        }
        return 0;
    }

    private void measure(Map<InferenceEngine, InferenceNetwork> networks, List<byte[]> encoded, List<String> names,
            int img) throws Exception {
        List<InferenceEngine> order = new ArrayList<>(networks.keySet());
        Map<InferenceEngine, Long> nanos = new LinkedHashMap<>();
        for (InferenceEngine e : order) {
            Predictor p = new Predictor(networks.get(e));
            for (int i = 0; i < Math.min(warmup, encoded.size()); i++) {
                detect(p, encoded.get(i), names.get(i), img);
            }
            nanos.put(e, 0L);
        }
        for (int r = 0; r < rounds; r++) {
            for (InferenceEngine e : order) {
                Predictor p = new Predictor(networks.get(e));
                long t0 = System.nanoTime();
                for (int i = 0; i < encoded.size(); i++) {
                    detect(p, encoded.get(i), names.get(i), img);
                }
                nanos.merge(e, System.nanoTime() - t0, Long::sum);
            }
            java.util.Collections.reverse(order);
        }
        Map<InferenceEngine, Double> rates = new LinkedHashMap<>();
        nanos.forEach((e, ns) -> rates.put(e, (double) encoded.size() * rounds / (ns / 1e9)));
        rates.forEach((e, rate) -> LOG.info(String.format(Locale.ROOT,
                "detect --img %d --engine %s: %.2f images/s over %d images x %d rounds, %d thread(s)", img, e, rate,
                encoded.size(), rounds, threads)));
        if (rates.size() == 2) {
            LOG.info(String.format(Locale.ROOT, "detect --img %d: onnxruntime / pytorch = %.2f", img,
                    rates.get(InferenceEngine.onnxruntime) / rates.get(InferenceEngine.pytorch)));
        }
    }

    private static void detect(Predictor predictor, byte[] bytes, String name, int img) throws Exception {
        Mat image = ImageDecoder.decode(bytes, name);
        predictor.detect(image, img, NmsOptions.defaults());
        image.release();
    }
}
