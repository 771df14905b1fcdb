package sparkyolo.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import sparkyolo.train.EpochSpan;
import sparkyolo.train.EpochStats;
import sparkyolo.train.ReplicaTrainer;
import sparkyolo.train.TrainOptions;
import sparkyolo.train.TrainState;
import sparkyolo.train.TrainingLoss;

/**
 * Our side of {@code benchmark train}: one replica (augmenting loader threads, forward, loss,
 * backward, optimizer, EMA) in this JVM, warmed up once, then trained a round of batches at a
 * time through one plan and one loader, as an epoch of training would run them.
 */
final class TrainBenchmarkReplica implements AutoCloseable {
    private final ReplicaTrainer trainer;
    private final EpochPlan timedPlan;
    private final BatchLoader timed;
    private int nextBatch;

    private TrainBenchmarkReplica(ReplicaTrainer trainer, EpochPlan timedPlan, BatchLoader timed) {
        this.trainer = trainer;
        this.timedPlan = timedPlan;
        this.timed = timed;
    }

    /** Loads the data, builds the model and trains the untimed warm-up batches. */
    static TrainBenchmarkReplica warmedUp(String data, String cfg, int img, int batchSize, int threads, int workers,
            int warmup, int batches) throws IOException {
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
        TrainOptions options = TrainOptions.builder().epochs(1).batchSize(batchSize).imgSize(img).workers(workers)
                .replicas(1).build();
        ModelSpec spec = ModelSpec.load(cfg).withNc(dataset.nc());
        YoloNetwork model = YoloNetwork.build(spec, 0);
        TrainState state = TrainState.start(spec, dataset.names(), model.parameters().toStateDict());
        SampleFactory samples = new SampleFactory(new InMemoryImageSource(entries), img, true, AugmentParams.of(hyp), 0);
        int[] order = repeatOrder(entries.size(), (warmup + batches) * batchSize);
        EpochPlan warmPlan = EpochPlan.of(Arrays.copyOf(order, warmup * batchSize), batchSize, 1, 0, 0);
        EpochPlan timedPlan = EpochPlan.of(Arrays.copyOfRange(order, warmup * batchSize, order.length), batchSize, 1, 0, 0);
        int loaders = Math.max(workers, 1);
        ReplicaTrainer trainer = new ReplicaTrainer(model, state, options, hyp, TrainingLoss.create(model, hyp, options),
                SingleReplica.INSTANCE);
        // The timed batches' loader starts now: its first batches are ready when the warm-up ends.
        BatchLoader timed = new BatchLoader(samples, 1, timedPlan.microBatches(), loaders, 2 * loaders);
        try (BatchLoader warm = new BatchLoader(samples, 0, warmPlan.microBatches(), loaders, 2 * loaders)) {
            trainer.runEpoch(0, warmPlan, warm, null);
            return new TrainBenchmarkReplica(trainer, timedPlan, timed);
        } catch (RuntimeException e) {
            timed.close();
            trainer.close();
            throw e;
        }
    }

    /**
     * Trains about {@code batches} more batches (to the next optimizer step, as a span of an epoch
     * ends), or all that are left when {@code last}; none once every timed batch has run.
     */
    TrainTimes train(int batches, boolean last) {
        if (nextBatch >= timedPlan.iterations().size()) {
            return TrainTimes.NONE;
        }
        long t0 = System.nanoTime();
        EpochStats s = trainer.runEpoch(0, timedPlan, new EpochSpan(nextBatch, last ? 0 : batches), timed, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        nextBatch = s.toBatch();
        return TrainTimes.of(s, seconds);
    }

    @Override
    public void close() {
        timed.close();
        trainer.close();
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
