package sparkyolo.gpucheck;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import sparkyolo.data.augment.Batch;
import sparkyolo.dist.SingleReplica;
import sparkyolo.hyp.Hyp;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.train.EpochPlan;
import sparkyolo.train.EpochStats;
import sparkyolo.train.ReplicaTrainer;
import sparkyolo.train.TrainOptions;
import sparkyolo.train.TrainState;
import sparkyolo.train.TrainingLoss;
import sparkyolo.util.Npz;

/**
 * (b) Training images/s of one replica as {@code train} runs it (ReplicaTrainer: forward in
 * train mode, ComputeLoss, backward, SGD with the original's warmup and accumulation, gradient
 * clipping, EMA), on batches prepared beforehand so that no data loading is timed, as on the
 * PyTorch side. Also the first batch's loss items, which the PyTorch side computes from the same
 * weights and images.
 */
final class TrainThroughput {
    private TrainThroughput() {
    }

    static Map<String, Object> run(Inputs inputs, Path weights, Device device, int batchSize, int warmup, int iterations)
            throws IOException {
        ModelSpec spec = ModelSpec.load(GpuCheck.MODEL);
        var init = Npz.read(weights);
        YoloNetwork model = YoloNetwork.build(spec, 0, device);
        model.parameters().load(init, weights.toString());
        List<String> names = IntStream.range(0, spec.nc()).mapToObj(c -> "class" + c).toList();
        TrainState state = TrainState.start(spec, names, init);
        Hyp hyp = GpuCheck.hyp();
        TrainOptions options = TrainOptions.builder().epochs(1).batchSize(batchSize).imgSize(inputs.size()).workers(0)
                .replicas(1).build();
        Batch batch = new Batch(0, GpuCheck.pixels(inputs, batchSize), batchSize, inputs.size(), inputs.size(),
                inputs.targetsOf(batchSize), List.of(), 0);
        float[][] firstLoss = new float[1][];
        try (ReplicaTrainer trainer = new ReplicaTrainer(model, state, options, hyp, TrainingLoss.create(model, hyp, options),
                SingleReplica.INSTANCE)) {
            trainer.runEpoch(0, plan(warmup, batchSize), repeat(batch, warmup), (b, n, loss, targets, img) -> {
                if (b == 1) {
                    firstLoss[0] = loss;
                }
            });
            long t0 = System.nanoTime();
            EpochStats s = trainer.runEpoch(0, plan(iterations, batchSize), repeat(batch, iterations), null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", GpuCheck.MODEL);
            out.put("img", inputs.size());
            out.put("batch", batchSize);
            out.put("warmup_iterations", warmup);
            out.put("iterations", iterations);
            out.put("optimizer_steps", s.optimizerSteps());
            out.put("images_per_s", s.images() / seconds);
            out.put("forward_backward_s", s.forwardBackwardNanos() / 1e9);
            out.put("gradient_and_weight_copies_s", s.syncNanos() / 1e9);
            out.put("update_s", s.updateNanos() / 1e9);
            out.put("seconds", seconds);
            out.put("first_loss_items", firstLoss[0]);
            out.put("targets", batch.targets().length);
            return out;
        }
    }

    /** {@code iterations} global batches of {@code batchSize} images, one replica. */
    private static EpochPlan plan(int iterations, int batchSize) {
        return EpochPlan.of(IntStream.range(0, iterations * batchSize).toArray(), batchSize, 1, 0, 0);
    }

    private static Iterator<Batch> repeat(Batch batch, int times) {
        List<Batch> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.add(new Batch(i, batch.images(), batch.size(), batch.height(), batch.width(), batch.targets(), batch.paths(), 0));
        }
        return all.iterator();
    }
}
