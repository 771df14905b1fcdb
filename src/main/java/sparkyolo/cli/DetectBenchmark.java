package sparkyolo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.YoloNetwork;
import sparkyolo.weights.Checkpoint;

/**
 * {@code benchmark detect}: images/s of the detection path (decode, letterbox, inference, NMS,
 * scale back), one image at a time in this JVM with a fixed number of PyTorch threads, the way
 * the original's detect.py runs; reported beside reference figures as a ratio.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Throughput of detection (preprocess + inference + NMS) at several sizes.")
final class DetectBenchmark implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(DetectBenchmark.class);

    @Mixin
    WeightsOptions weights;

    @Option(names = "--source", required = true, description = "Images (file, directory, glob or .txt list).")
    String source;

    @Option(names = {"--img", "--imgsz"}, arity = "1..*", defaultValue = "320,640", split = ",",
            description = "Sizes to measure (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "5", description = "Images run before timing (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--baseline", split = ",", paramLabel = "SIZE=IMG/S", defaultValue = "320=22,640=2.4",
            description = "Reference images/s per size to report a ratio against (default: the original YOLOv5 "
                    + "measured on a 2-core machine with one thread: ${DEFAULT-VALUE}).")
    java.util.Map<Integer, Double> baseline;

    @Override
    public Integer call() throws Exception {
        Engines.pytorch(threads);
        OpenCv.ensureLoaded();
        HadoopFiles files = HadoopFiles.local();
        Checkpoint checkpoint = weights.load(files);
        List<String> images = ImageFiles.list(files, source);
        List<byte[]> encoded = new ArrayList<>();
        for (String p : images) {
            encoded.add(files.readAllBytes(p));
        }
        try (YoloNetwork model = checkpoint.newModel()) {
            model.fuse();
            Predictor predictor = new Predictor(model);
            for (int size : sizes) {
                int img = ImageSize.check(size, model.maxStride());
                for (int i = 0; i < Math.min(warmup, encoded.size()); i++) {
                    detect(predictor, encoded.get(i), images.get(i), img);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < encoded.size(); i++) {
                    detect(predictor, encoded.get(i), images.get(i), img);
                }
                double rate = encoded.size() / ((System.nanoTime() - t0) / 1e9);
                Double ref = baseline == null ? null : baseline.get(size);
                LOG.info(String.format(Locale.ROOT, "detect --img %d: %.2f images/s over %d images, %d thread(s)%s",
                        img, rate, encoded.size(), threads,
                        ref == null ? "" : String.format(Locale.ROOT, "; %.2fx the baseline %.2f images/s", rate / ref, ref)));
            }
        }
        return 0;
    }

    private static void detect(Predictor predictor, byte[] bytes, String name, int img) throws Exception {
        Mat image = ImageDecoder.decode(bytes, name);
        predictor.detect(image, img, NmsOptions.defaults());
        image.release();
    }
}
