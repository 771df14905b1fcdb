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
import sparkyolo.train.ReplicaTrainer;
import sparkyolo.train.TrainOptions;
import sparkyolo.train.TrainState;
import sparkyolo.train.TrainingLoss;

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

    @Option(names = "--batches", defaultValue = "8", description = "Timed batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--baseline", defaultValue = "10.5",
            description = "Reference images/s for the ratio (default: the original YOLOv5, one compute thread, two "
                    + "loader processes, on a 2-core machine: ${DEFAULT-VALUE}).")
    double baseline;

    @Override
    public Integer call() throws Exception {
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
            double rate = s.images() / seconds;
            LOG.info(String.format(Locale.ROOT, "train --img %d --batch-size %d: %.2f images/s over %d images, "
                    + "%d compute thread(s), %d loader thread(s); data wait %.1f%%; %.2fx the baseline %.2f images/s",
                    img, batchSize, rate, s.images(), threads, workers, 100.0 * s.dataWaitNanos() / (seconds * 1e9),
                    rate / baseline, baseline));
        }
        return 0;
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
