package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.data.augment.Batch;
import sparkyolo.dist.Collective;
import sparkyolo.dist.SliceBounds;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.model.YoloModel;
import sparkyolo.model.layers.ConvBlock;

/**
 * The original's step loop for one model replica among {@code collective.size()}: each global
 * batch, forward (train mode), loss and backward on this replica's micro-batches; every
 * {@code accumulate} global batches an optimizer step: gradients summed across replicas
 * (reduce-scatter, rank order), NaN/Inf guard and clip to norm 10 on the global norm, the
 * optimizer and EMA on this replica's owner slice only, all-gather of the new weights, and the
 * BatchNorm statistics combined as if one replica had seen every micro-batch in rank order.
 */
public final class ReplicaTrainer implements AutoCloseable {
    /** Called after every global batch with the running mean losses. */
    public interface Progress {
        void batchDone(int batchIndex, int batches, float[] meanLoss, int targets, int imgSize);
    }

    private final YoloModel model;
    private final Collective collective;
    private final FlatLayout params;
    private final FlatLayout buffers;
    private final SliceBounds mine;
    private final byte[] groups;
    private final Optimizer optimizer;
    private final Ema paramsEma;
    private final Ema buffersEma;
    private final NanGuard guard;
    private final LrSchedule schedule;
    private final LossFunction loss;
    private final List<NDArray> trainable = new ArrayList<>();
    private final List<NDArray> batchCounters = new ArrayList<>();
    private final TrainState start;
    private float[] weights;
    private float[] syncedBuffers;
    private int forwardsSinceSync;
    private long iterations;
    private long lastOptStep;

    /** A model holding the state's weights (the trainer owns it from now on). */
    public ReplicaTrainer(YoloModel model, TrainState state, TrainOptions options, Hyp hyp, LossFunction loss,
            Collective collective) {
        this.model = model;
        this.start = state;
        this.loss = loss;
        this.collective = collective;
        this.params = FlatLayout.parameters(model.parameters(), options.freeze());
        this.buffers = FlatLayout.floatBuffers(model.parameters());
        this.mine = collective.slice(params.size(), collective.rank());
        this.groups = new byte[params.size()];
        for (FlatLayout.Segment s : params.segments()) {
            Arrays.fill(groups, s.offset(), s.offset() + s.size(), s.frozen() ? Optimizer.FROZEN : (byte) s.group().ordinal());
            if (!s.frozen()) {
                trainable.add(s.array());
            }
        }
        model.parameters().entries().stream().filter(e -> e.name().endsWith(".num_batches_tracked"))
                .forEach(e -> batchCounters.add(e.array()));
        this.schedule = new LrSchedule(hyp, options.epochs(), options.cosLr(), options.batchSize());
        this.optimizer = Optimizer.create(options.optimizer(), mine.length(), hyp.get("momentum"));
        if (!state.optimizer().isEmpty()) {
            optimizer.loadState(sliceOf(state.optimizer(), mine));
        }
        StateLayout layout = StateLayout.of(state.ema());
        this.paramsEma = new Ema(Arrays.copyOfRange(layout.parameterVector(state.ema()), mine.from(), mine.to()),
                state.emaUpdates());
        this.buffersEma = new Ema(layout.bufferVector(state.ema()), state.emaUpdates());
        this.guard = new NanGuard(options.nanStepLimit(), state.nanSkippedSteps());
        this.weights = params.values();
        this.syncedBuffers = buffers.values();
        this.iterations = state.iterations();
        this.lastOptStep = state.lastOptStep();
        Autograd.requireGradients(trainable);
    }

    /** This replica's part of full-vector optimizer state (scalar counters are shared). */
    static Map<String, float[]> sliceOf(Map<String, float[]> full, SliceBounds slice) {
        Map<String, float[]> out = new LinkedHashMap<>();
        full.forEach((k, v) -> out.put(k, k.startsWith(Optimizer.SCALAR) ? v : Arrays.copyOfRange(v, slice.from(), slice.to())));
        return out;
    }

    /**
     * Trains one epoch: for each global batch of {@code plan}, the micro-batches from
     * {@code microBatches} (the loader of {@code plan.microBatches()}).
     */
    public EpochStats runEpoch(int epoch, EpochPlan plan, Iterator<Batch> microBatches, Progress progress) {
        int batchesPerEpoch = plan.iterations().size();
        long nw = schedule.warmupIterations(batchesPerEpoch);
        float[] mean = new float[3];
        int images = 0;
        int steps = 0;
        long wait = 0;
        long fb = 0;
        long sync = 0;
        long update = 0;
        StepSettings settings = schedule.settings(epoch, iterations, nw);
        for (int b = 0; b < batchesPerEpoch; b++) {
            long ni = iterations;
            settings = schedule.settings(epoch, ni, nw);
            int accumulate = schedule.accumulate(ni, nw);
            float[] items = new float[3];
            int targets = 0;
            int width = 0;
            for (int k = 0; k < plan.iterations().get(b).size(); k++) {
                Batch batch = microBatches.next();
                wait += batch.waitNanos();
                long t0 = System.nanoTime();
                float[] it = forwardBackward(batch);
                fb += System.nanoTime() - t0;
                for (int c = 0; c < 3; c++) {
                    items[c] += it[c] * batch.size();
                }
                images += batch.size();
                targets += batch.targets().length;
                width = batch.width();
            }
            int share = plan.iterations().get(b).stream().mapToInt(m -> m.length).sum();
            for (int c = 0; c < 3; c++) {
                items[c] = share == 0 ? 0 : items[c] / share;
            }
            if (ni - lastOptStep >= accumulate) {
                long[] t = step(settings, ni, "epoch " + epoch + " batch " + b);
                sync += t[0];
                update += t[1];
                lastOptStep = ni;
                steps++;
            }
            for (int c = 0; c < 3; c++) {
                mean[c] = (mean[c] * b + items[c]) / (b + 1);
            }
            iterations++;
            if (progress != null) {
                progress.batchDone(b + 1, batchesPerEpoch, mean.clone(), targets, width);
            }
        }
        return new EpochStats(epoch, mean, settings.lr().clone(), batchesPerEpoch, images, steps, guard.skipped(), wait,
                fb, sync, update);
    }

    private float[] forwardBackward(Batch batch) {
        forwardsSinceSync++;
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

    /** One optimizer step; returns the nanoseconds spent {sync, update}. */
    private long[] step(StepSettings settings, long ni, String where) {
        long t0 = System.nanoTime();
        float[] grads = params.gradients();
        Autograd.zeroGradients(trainable);
        float[] slice = collective.reduceScatter(grads, ni);
        double sumSq = 0;
        for (float g : slice) {
            sumSq += (double) g * g;
        }
        float[] partial = collective.gatherAll(new float[] {(float) sumSq}, ni, "norm");
        double total = 0;
        for (float p : partial) {
            total += p;
        }
        long t1 = System.nanoTime();
        boolean finite = Double.isFinite(total);
        if (guard.check(finite, where)) {
            float coef = (float) (GradClip.MAX_NORM / (Math.sqrt(total) + 1e-6));
            if (coef < 1f) {
                for (int j = 0; j < slice.length; j++) {
                    slice[j] *= coef;
                }
            }
            optimizer.step(weights, mine.from(), slice, groups, settings);
        }
        long t2 = System.nanoTime();
        float[] mySlice = Arrays.copyOfRange(weights, mine.from(), mine.to());
        weights = collective.allGather(mySlice, weights.length, ni);
        syncBatchNorm(ni);
        long t3 = System.nanoTime();
        Engines.withoutGrad(() -> {
            params.setValues(weights);
            return null;
        });
        if (finite) {
            paramsEma.update(weights, mine.from());
            buffersEma.update(syncedBuffers, 0);
        }
        long t4 = System.nanoTime();
        return new long[] {(t1 - t0) + (t3 - t2), (t2 - t1) + (t4 - t3)};
    }

    /**
     * Combines the replicas' BatchNorm running statistics as one replica that had run every
     * replica's micro-batches in rank order: with momentum m and f forwards per replica since
     * the last sync, replica k contributed c_k = s_k − (1−m)^f_k·old, and the result is
     * s = old; s = (1−m)^f_k·s + c_k for k = 0..N−1. Other float buffers (anchors) never change.
     */
    private void syncBatchNorm(long ni) {
        float[] local = buffers.values();
        if (collective.size() > 1) {
            float[] mineAndCount = Arrays.copyOf(local, local.length + 1);
            mineAndCount[local.length] = forwardsSinceSync;
            float[] all = collective.gatherAll(mineAndCount, ni, "bn");
            int n = local.length + 1;
            float[] combined = syncedBuffers.clone();
            long totalForwards = 0;
            for (int k = 0; k < collective.size(); k++) {
                int f = (int) all[k * n + local.length];
                totalForwards += f;
                float keep = (float) Math.pow(1 - ConvBlock.BN_MOMENTUM, f);
                for (FlatLayout.Segment s : buffers.segments()) {
                    if (!StateLayout.isBatchNormStatistic(s.name())) {
                        continue;
                    }
                    for (int j = s.offset(); j < s.offset() + s.size(); j++) {
                        float contribution = all[k * n + j] - keep * syncedBuffers[j];
                        combined[j] = keep * combined[j] + contribution;
                    }
                }
            }
            local = combined;
            long others = totalForwards - forwardsSinceSync;
            float[] finalBuffers = local;
            Engines.withoutGrad(() -> {
                buffers.setValues(finalBuffers);
                batchCounters.forEach(c -> c.addi(others));
                return null;
            });
        }
        syncedBuffers = local;
        forwardsSinceSync = 0;
    }

    /** This replica's state at the end of its epochs ({@code nextEpoch} is where a run continues). */
    public ReplicaShard shard(int nextEpoch, EpochStats stats) {
        Map<String, Object> counters = new LinkedHashMap<>(start.counters());
        counters.put("epoch", nextEpoch);
        counters.put("iterations", iterations);
        counters.put("last_opt_step", lastOptStep);
        counters.put("ema_updates", paramsEma.updates());
        counters.put("nan_skipped_steps", guard.skipped());
        return new ReplicaShard(collective.rank(), mine.from(), mine.to(), optimizer.state(), paramsEma.values(),
                buffersEma.values(), counters, stats);
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
