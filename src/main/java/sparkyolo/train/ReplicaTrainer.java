package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.data.augment.Batch;
import sparkyolo.dist.Collective;
import sparkyolo.dist.SliceBounds;
import sparkyolo.engine.Autograd;
import sparkyolo.hyp.Hyp;
import sparkyolo.model.YoloNetwork;

/**
 * The original's training loop for one model replica among {@code collective.size()}: each global
 * batch, forward (train mode), loss and backward on this replica's micro-batches; every
 * {@code accumulate} global batches an {@link OptimizerStep}.
 */
public final class ReplicaTrainer implements AutoCloseable {
    /** Called after every global batch with the running mean losses. */
    public interface Progress {
        void batchDone(int batchIndex, int batches, float[] meanLoss, int targets, int imgSize);
    }

    private final YoloNetwork model;
    private final Collective collective;
    private final LrSchedule schedule;
    private final LossFunction loss;
    private final OptimizerStep step;
    private final TrainState start;
    private long iterations;
    private long lastOptStep;

    /** A model holding the state's weights (the trainer owns it from now on). */
    public ReplicaTrainer(YoloNetwork model, TrainState state, TrainOptions options, Hyp hyp, LossFunction loss,
            Collective collective) {
        this.model = model;
        this.start = state;
        this.loss = loss;
        this.collective = collective;
        this.schedule = new LrSchedule(hyp, options.epochs(), options.cosLr(), options.batchSize());
        this.step = OptimizerStep.forModel(model, state, options, hyp, collective);
        this.iterations = state.iterations();
        this.lastOptStep = state.lastOptStep();
    }

    /**
     * Trains one epoch: for each global batch of {@code plan}, the micro-batches from
     * {@code microBatches} (the loader of {@code plan.microBatches()}).
     */
    public EpochStats runEpoch(int epoch, EpochPlan plan, Iterator<Batch> microBatches, Progress progress) {
        return runEpoch(epoch, plan, EpochSpan.WHOLE, microBatches, progress);
    }

    /**
     * Trains the {@code span} of an epoch: for each of its global batches of {@code plan}, the
     * micro-batches from {@code microBatches} (the loader of {@code plan.microBatchesFrom(span.fromBatch())}).
     */
    public EpochStats runEpoch(int epoch, EpochPlan plan, EpochSpan span, Iterator<Batch> microBatches,
            Progress progress) {
        int batchesPerEpoch = plan.iterations().size();
        long nw = schedule.warmupIterations(batchesPerEpoch);
        EpochTally tally = new EpochTally();
        StepTimes timesBefore = step.times();
        long peerWaitBefore = collective.peerWaitNanos();
        StepSettings settings = schedule.settings(epoch, iterations, nw, batchesPerEpoch);
        int b = span.fromBatch();
        while (b < batchesPerEpoch) {
            long ni = iterations;
            settings = schedule.settings(epoch, ni, nw, batchesPerEpoch);
            int accumulate = schedule.accumulate(ni, nw);
            float[] items = new float[3];
            int targets = 0;
            int width = 0;
            for (int k = 0; k < plan.iterations().get(b).size(); k++) {
                Batch batch = microBatches.next();
                long t0 = System.nanoTime();
                step.batchNorm().beforeForward();
                float[] it = forwardBackward(batch);
                step.batchNorm().afterForward(k);
                tally.microBatch(batch.size(), batch.waitNanos(), System.nanoTime() - t0);
                for (int c = 0; c < 3; c++) {
                    items[c] += it[c] * batch.size();
                }
                targets += batch.targets().length;
                width = batch.width();
            }
            int share = plan.iterations().get(b).stream().mapToInt(m -> m.length).sum();
            for (int c = 0; c < 3; c++) {
                items[c] = share == 0 ? 0 : items[c] / share;
            }
            int[] perReplica = new int[collective.size()];
            for (int r = 0; r < collective.size(); r++) {
                perReplica[r] = plan.forwardsOf(b, r, collective.size());
            }
            step.batchNorm().iterationDone(perReplica);
            boolean stepped = ni - lastOptStep >= accumulate;
            if (stepped) {
                step.run(settings, ni, "epoch " + epoch + " batch " + b);
                lastOptStep = ni;
                tally.optimizerStep();
            }
            tally.batch(items);
            int done = b - span.fromBatch() + 1;
            iterations++;
            b++;
            if (progress != null) {
                progress.batchDone(b, batchesPerEpoch, tally.meanLoss(), targets, width);
            }
            if (stepped && span.endsAfterStep(done)) {
                break;
            }
        }
        if (b == batchesPerEpoch && step.batchNorm().pending()) {
            step.syncBatchNormOnly(iterations);
        }
        StepTimes steps = minus(step.times(), timesBefore);
        return tally.stats(epoch, settings.lr().clone(), batchesPerEpoch, span, b, step.skipped(), steps,
                collective.peerWaitNanos() - peerWaitBefore, model.manager().getDevice().toString());
    }

    private static StepTimes minus(StepTimes a, StepTimes b) {
        return new StepTimes(a.copyOut() - b.copyOut(), a.reduceScatter() - b.reduceScatter(), a.norm() - b.norm(),
                a.update() - b.update(), a.allGather() - b.allGather(), a.copyIn() - b.copyIn(), a.ema() - b.ema());
    }

    private float[] forwardBackward(Batch batch) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(batch.images(), new Shape(batch.shape()));
            return Autograd.recording(() -> {
                NDList raw = model.forward(x, true);
                LossFunction.Output out = loss.compute(raw, batch.targets());
                Autograd.backward(out.total());
                return out.items();
            });
        }
    }

    /** This replica's state after {@code stats}' span: where a run continues (epoch and batch) and its shard. */
    public ReplicaShard shard(EpochStats stats) {
        Map<String, Object> counters = new LinkedHashMap<>(start.counters());
        boolean epochDone = stats.toBatch() == stats.batches();
        counters.put("epoch", stats.epoch() + (epochDone ? 1 : 0));
        counters.put(TrainState.EPOCH_BATCH, epochDone ? 0 : stats.toBatch());
        counters.put("iterations", iterations);
        counters.put("last_opt_step", lastOptStep);
        counters.put("ema_updates", step.emaUpdates());
        counters.put("nan_skipped_steps", step.skipped());
        SliceBounds mine = step.ownedParams();
        return new ReplicaShard(collective.rank(), mine.from(), mine.to(), step.optimizerState(), step.emaSlice(),
                step.emaBuffers(), counters, stats);
    }

    /** The replicated model weights and buffers (the same on every replica). */
    public Map<String, sparkyolo.util.NpyArray> modelState() {
        return model.parameters().toStateDict();
    }

    /** Assembles the run's state from every replica's shard (in any order) and the model weights. */
    public static TrainState merge(TrainState start, Map<String, sparkyolo.util.NpyArray> model, List<ReplicaShard> shards) {
        List<ReplicaShard> ordered = new ArrayList<>(shards);
        ordered.sort(java.util.Comparator.comparingInt(ReplicaShard::rank));
        StateLayout layout = StateLayout.of(model);
        float[] emaParams = new float[layout.parameterCount()];
        Map<String, float[]> optimizer = new LinkedHashMap<>();
        for (ReplicaShard s : ordered) {
            System.arraycopy(s.emaSlice(), 0, emaParams, s.from(), s.to() - s.from());
            s.optimizerSlice().forEach((k, v) -> {
                if (k.startsWith(Optimizer.SCALAR)) {
                    optimizer.put(k, v);
                } else {
                    System.arraycopy(v, 0, optimizer.computeIfAbsent(k, x -> new float[layout.parameterCount()]),
                            s.from(), v.length);
                }
            });
        }
        ReplicaShard first = ordered.get(0);
        Map<String, sparkyolo.util.NpyArray> ema = layout.withVectors(model, emaParams, first.emaBuffers());
        return new TrainState(start.spec(), start.names(), model, ema, optimizer, first.counters());
    }

    @Override
    public void close() {
        model.close();
    }
}
