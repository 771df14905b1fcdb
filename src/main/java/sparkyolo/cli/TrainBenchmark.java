package sparkyolo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.LabelPaths;
import sparkyolo.data.YoloLabels;
import sparkyolo.data.augment.AugmentParams;
import sparkyolo.data.augment.BatchLoader;
import sparkyolo.data.augment.InMemoryImageSource;
import sparkyolo.data.augment.SampleFactory;
import sparkyolo.dist.SingleReplica;
import sparkyolo.engine.Engines;
import sparkyolo.hyp.Hyp;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.train.EpochOrder;
import sparkyolo.train.EpochPlan;
import sparkyolo.train.EpochStats;
import sparkyolo.train.StepTimes;
import sparkyolo.train.ReplicaTrainer;
import sparkyolo.train.TrainOptions;
import sparkyolo.train.TrainState;
import sparkyolo.train.TrainingLoss;
import sparkyolo.util.InvalidOptionException;

/**
 * {@code benchmark train}: training images/s of one replica (augmenting loader threads,
 * forward, loss, backward, optimizer, EMA) with a fixed number of PyTorch threads, in this JVM.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training throughput of one replica.")
final class TrainBenchmark implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(TrainBenchmark.class);

    @Option(names = "--data", defaultValue = TrainCommand.SAMPLE_DATA, description = "Dataset YAML (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--cfg", defaultValue = "yolov5n.yaml", description = "Model YAML (default: ${DEFAULT-VALUE}).")
    String cfg;

    @Option(names = {"--img", "--imgsz"}, defaultValue = "320", description = "Image size (default: ${DEFAULT-VALUE}).")
    int img;

    @Option(names = "--batch-size", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workers", defaultValue = "2", description = "Loader threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batches", defaultValue = "16",
            description = "Timed batches (default: ${DEFAULT-VALUE}; fewer spread wider from run to run).")
    int batches;

    @Option(names = "--warmup", defaultValue = "4", description = "Untimed batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--peer", paramLabel = "original",
            description = "Also time the original YOLOv5's training step in this call (its dataloader with --workers"
                    + " processes, model, loss, SGD, EMA) on the same data, size, batch and threads; needs --original and"
                    + " a Python with torch, torchvision, cv2 and yaml (Debian: python3-torch python3-torchvision"
                    + " python3-opencv python3-yaml ...).")
    String peer;

    @Option(names = "--original", paramLabel = "DIR", description = "A checkout of the original YOLOv5 at v6.2, for --peer.")
    String original;

    @Option(names = "--python", paramLabel = "PYTHON", description = "The Python for --peer (default: python3, then /usr/bin/python3).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (peer != null && !peer.equals("original")) {
            throw new InvalidOptionException("--peer", "must be original, got '" + peer + "'");
        }
        if (peer != null && (original == null || !java.nio.file.Files.isDirectory(java.nio.file.Path.of(original, "models")))) {
            throw new InvalidOptionException("--original", "must name a checkout of the original YOLOv5 (v6.2) for --peer"
                    + " original, got " + original);
        }
        double ours = runOurs();
        if (peer != null) {
            runOriginal(ours);
        } else {
            LOG.info("(no --peer original: SparkYOLO alone)");
        }
        return 0;
    }

    /** Our images/s, after printing the row. */
    private double runOurs() throws Exception {
        Engines.pytorch(threads);
        OpenCv.ensureLoaded();
        HadoopFiles files = HadoopFiles.local();
        DatasetConfig dataset = DatasetConfig.load(files, data);
        List<InMemoryImageSource.Entry> entries = new ArrayList<>();
        for (String path : dataset.images(files, "train")) {
            String label = LabelPaths.labelPathFor(path);
            String text = files.exists(label) ? files.readString(label) : null;
            entries.add(new InMemoryImageSource.Entry(path, files.readAllBytes(path),
                    YoloLabels.parse(text, label, dataset.nc()).rows()));
        }
        Hyp hyp = Hyp.defaults();
        int total = warmup + batches;
        TrainOptions options = TrainOptions.builder().epochs(1).batchSize(batchSize).imgSize(img).workers(workers)
                .replicas(1).build();
        ModelSpec spec = ModelSpec.load(cfg).withNc(dataset.nc());
        YoloNetwork model = YoloNetwork.build(spec, 0);
        TrainState state = TrainState.start(spec, dataset.names(), model.parameters().toStateDict());
        SampleFactory samples = new SampleFactory(new InMemoryImageSource(entries), img, true, AugmentParams.of(hyp), 0);
        int[] order = repeatOrder(entries.size(), total * batchSize);
        EpochPlan warmPlan = EpochPlan.of(java.util.Arrays.copyOf(order, warmup * batchSize), batchSize, 1, 0, 0);
        EpochPlan timedPlan = EpochPlan.of(java.util.Arrays.copyOfRange(order, warmup * batchSize, order.length),
                batchSize, 1, 0, 0);
        int loaders = Math.max(workers, 1);
        try (ReplicaTrainer trainer = new ReplicaTrainer(model, state, options, hyp, TrainingLoss.create(model, hyp, options),
                    SingleReplica.INSTANCE);
             BatchLoader warm = new BatchLoader(samples, 0, warmPlan.microBatches(), loaders, 2 * loaders);
             BatchLoader timed = new BatchLoader(samples, 1, timedPlan.microBatches(), loaders, 2 * loaders)) {
            trainer.runEpoch(0, warmPlan, warm, null);
            long t0 = System.nanoTime();
            EpochStats s = trainer.runEpoch(0, timedPlan, timed, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info(String.format(Locale.ROOT, "train %s --img %d --batch-size %d, %d compute thread(s), %d loader"
                    + " thread(s), %d images:", cfg, img, batchSize, threads, workers, s.images()));
            LOG.info(header());
            StepTimes t = s.steps();
            LOG.info(row("SparkYOLO", s.images() / seconds, seconds, s.dataWaitNanos() / 1e9, s.passes().forward() / 1e9,
                    s.passes().loss() / 1e9, s.passes().backward() / 1e9,
                    (t.copyOut() + t.reduceScatter() + t.norm() + t.update() + t.allGather() + t.copyIn()) / 1e9,
                    t.ema() / 1e9));
            return s.images() / seconds;
        }
    }

    /** Runs the original's training step after ours and prints it beside ours, with the ratio. */
    private void runOriginal(double oursRate) throws Exception {
        java.util.Optional<String> py = PythonPeer.find(python, "torch, torchvision, cv2, yaml");
        if (py.isEmpty()) {
            LOG.warn("--peer original: no Python with torch, torchvision, cv2 and yaml here; ours alone above");
            return;
        }
        com.fasterxml.jackson.databind.JsonNode r = PythonPeer.run(py.get(), "original_train.py", List.of(
                "--yolov5", original, "--data", data, "--cfg", cfg, "--img", Integer.toString(img), "--batch-size",
                Integer.toString(batchSize), "--threads", Integer.toString(threads), "--workers", Integer.toString(workers),
                "--batches", Integer.toString(batches), "--warmup", Integer.toString(warmup)), 3600);
        com.fasterxml.jackson.databind.JsonNode p = r.get("parts_s");
        double rate = r.get("images_per_s").asDouble();
        LOG.info(row("original", rate, r.get("seconds").asDouble(), p.get("data").asDouble(), p.get("forward").asDouble(),
                p.get("loss").asDouble(), p.get("backward").asDouble(), p.get("optimizer").asDouble(),
                p.get("ema").asDouble()));
        LOG.info(String.format(Locale.ROOT, "SparkYOLO / original (PyTorch %s): %.2fx the images/s", r.get("torch").asText(),
                oursRate / rate));
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-10s %9s %8s %7s %8s %7s %9s %10s %6s", "", "images/s", "total s", "data s",
                "forward", "loss", "backward", "optimizer", "EMA");
    }

    private static String row(String who, double rate, double seconds, double data, double forward, double loss,
            double backward, double optimizer, double ema) {
        return String.format(Locale.ROOT, "%-10s %9.2f %8.2f %7.2f %8.2f %7.2f %9.2f %10.2f %6.2f", who, rate, seconds,
                data, forward, loss, backward, optimizer, ema);
    }

    private static int[] repeatOrder(int n, int count) {
        int[] order = new int[count];
        int[] perm = EpochOrder.permutation(n, 0, 0);
        for (int i = 0; i < count; i++) {
            order[i] = perm[i % n];
        }
        return order;
    }
}
