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
import sparkyolo.hyp.Hyp;
import sparkyolo.model.YoloNetwork;
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

    private final YoloNetwork model;
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
    private long forwardsOfOthers;
    /** Forward passes per replica of each iteration since the last BatchNorm sync. */
    private final List<int[]> windowForwards = new ArrayList<>();
    /** This replica's BatchNorm updates (m·batch statistic) since the last sync, with their iteration and micro-batch. */
    private final List<float[]> ownUpdates = new ArrayList<>();
    private final List<int[]> ownUpdatePlaces = new ArrayList<>();
    private long iterations;
    private long lastOptStep;

    /** A model holding the state's weights (the trainer owns it from now on). */
    public ReplicaTrainer(YoloNetwork model, TrainState state, TrainOptions options, Hyp hyp, LossFunction loss,
            Collective collective) {
        this.model = model;
        this.start = state;
        this.loss = loss;
        this.collective = collective;
        this.params = FlatLayout.parameters(model.parameters(), options.freeze());
        this.buffers = FlatLayout.floatBuffers(model.parameters());
        // Owner slices cut the step's vector: the gradient, followed (with several replicas) by the
        // BatchNorm statistics; this replica's parameters are the part of its slice before them.
        int vectorLength = params.size() + (collective.size() > 1 ? buffers.size() : 0);
        SliceBounds owned = collective.slice(vectorLength, collective.rank());
        this.mine = new SliceBounds(Math.min(owned.from(), params.size()), Math.min(owned.to(), params.size()));
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
        float[] mean = new float[3];
        int images = 0;
        int steps = 0;
        long wait = 0;
        long fb = 0;
        long sync = 0;
        long peerWaitBefore = collective.peerWaitNanos();
        long update = 0;
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
                wait += batch.waitNanos();
                long t0 = System.nanoTime();
                float[] before = collective.size() > 1 ? buffers.values() : null;
                float[] it = forwardBackward(batch);
                if (before != null) {
                    recordBatchNormUpdate(before, buffers.values(), windowForwards.size(), k);
                }
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
            int[] perReplica = new int[collective.size()];
            for (int r = 0; r < collective.size(); r++) {
                perReplica[r] = plan.forwardsOf(b, r, collective.size());
            }
            windowForwards.add(perReplica);
            boolean stepped = ni - lastOptStep >= accumulate;
            if (stepped) {
                long[] t = step(settings, ni, "epoch " + epoch + " batch " + b);
                sync += t[0];
                update += t[1];
                lastOptStep = ni;
                steps++;
            }
            int done = b - span.fromBatch();
            for (int c = 0; c < 3; c++) {
                mean[c] = (mean[c] * done + items[c]) / (done + 1);
            }
            iterations++;
            b++;
            if (progress != null) {
                progress.batchDone(b, batchesPerEpoch, mean.clone(), targets, width);
            }
            if (stepped && span.endsAfterStep(done + 1)) {
                break;
            }
        }
        if (b == batchesPerEpoch && collective.size() > 1 && windowPasses() > 0) {
            long t0 = System.nanoTime();
            syncBatchNormTail(iterations);
            sync += System.nanoTime() - t0;
        }
        return new EpochStats(epoch, mean, settings.lr().clone(), batchesPerEpoch, span.fromBatch(), b, images, steps,
                guard.skipped(), wait, fb, sync, collective.peerWaitNanos() - peerWaitBefore, update,
                model.manager().getDevice().toString());
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
        int p = grads.length;
        boolean distributed = collective.size() > 1;
        float[] vector = distributed ? withBatchNormContribution(grads) : grads;
        float[] slice = collective.reduceScatter(vector, ni);
        SliceBounds owned = collective.slice(vector.length, collective.rank());
        int gradEnd = mine.length();
        double sumSq = 0;
        for (int j = 0; j < gradEnd; j++) {
            sumSq += (double) slice[j] * slice[j];
        }
        // The partial sums travel as double (hi + lo floats) so the norm, and with it the clip
        // factor, does not depend on how the vector is split across replicas.
        float hi = (float) sumSq;
        float[] partial = collective.gatherAll(new float[] {hi, (float) (sumSq - hi)}, ni, "norm");
        double total = 0;
        for (int k = 0; k < partial.length; k += 2) {
            total += (double) partial[k] + partial[k + 1];
        }
        long t1 = System.nanoTime();
        boolean finite = Double.isFinite(total);
        float[] updated = Arrays.copyOfRange(distributed ? concat(weights, syncedBuffers) : weights, owned.from(), owned.to());
        if (guard.check(finite, where)) {
            float[] g = Arrays.copyOf(slice, gradEnd);
            GradClip.scale(g, total, GradClip.MAX_NORM);
            float[] w = weights;
            optimizer.step(w, owned.from(), g, groups, settings);
            System.arraycopy(w, owned.from(), updated, 0, gradEnd);
        }
        if (distributed) {
            combineBatchNorm(updated, slice, owned, p);
        }
        long t2 = System.nanoTime();
        float[] full = collective.allGather(updated, vector.length, ni);
        weights = Arrays.copyOf(full, p);
        if (distributed) {
            syncedBuffers = Arrays.copyOfRange(full, p, full.length);
            long others = forwardsOfOthers;
            Engines.withoutGrad(() -> {
                buffers.setValues(syncedBuffers);
                batchCounters.forEach(c -> c.addi(others));
                return null;
            });
        } else {
            syncedBuffers = buffers.values();
            windowForwards.clear();
        }
        forwardsSinceSync = 0;
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
     * At the end of an epoch whose last batches were not followed by an optimizer step, the
     * replicas still combine their BatchNorm statistics (zero gradient, no update), so that every
     * replica ends with the statistics of all the micro-batches it trained on.
     */
    private void syncBatchNormTail(long ni) {
        int p = weights.length;
        float[] vector = withBatchNormContribution(new float[p]);
        float[] summed = collective.reduceScatter(vector, ni);
        SliceBounds owned = collective.slice(vector.length, collective.rank());
        float[] updated = Arrays.copyOfRange(concat(weights, syncedBuffers), owned.from(), owned.to());
        combineBatchNorm(updated, summed, owned, p);
        float[] full = collective.allGather(updated, vector.length, ni);
        syncedBuffers = Arrays.copyOfRange(full, p, full.length);
        long others = forwardsOfOthers;
        Engines.withoutGrad(() -> {
            buffers.setValues(syncedBuffers);
            batchCounters.forEach(c -> c.addi(others));
            return null;
        });
        forwardsSinceSync = 0;
    }

    /** Keeps m·(batch statistic) of one forward pass: after − (1−m)·before, for the BatchNorm statistics. */
    private void recordBatchNormUpdate(float[] before, float[] after, int iterationInWindow, int micro) {
        float keep = (float) (1 - ConvBlock.BN_MOMENTUM);
        float[] update = new float[after.length];
        for (FlatLayout.Segment s : buffers.segments()) {
            if (StateLayout.isBatchNormStatistic(s.name())) {
                for (int j = s.offset(); j < s.offset() + s.size(); j++) {
                    update[j] = after[j] - keep * before[j];
                }
            }
        }
        ownUpdates.add(update);
        ownUpdatePlaces.add(new int[] {iterationInWindow, micro});
    }

    /**
     * The gradient followed by this replica's share of the BatchNorm statistics: one replica
     * running every forward pass of the window in the reference order (iteration by iteration,
     * replicas in rank order, micro-batches in order) ends with (1−m)^F·old + Σ_t (1−m)^(F−1−t)·u_t
     * over the F passes, u_t = m·(batch statistic of pass t). Each replica sends the sum over its
     * own passes; other buffers (anchors) contribute 0.
     */
    private float[] withBatchNormContribution(float[] grads) {
        float[] out = Arrays.copyOf(grads, grads.length + syncedBuffers.length);
        int total = windowPasses();
        for (int u = 0; u < ownUpdates.size(); u++) {
            int[] place = ownUpdatePlaces.get(u);
            int position = place[1];
            for (int w = 0; w < place[0]; w++) {
                position += Arrays.stream(windowForwards.get(w)).sum();
            }
            for (int r = 0; r < collective.rank(); r++) {
                position += windowForwards.get(place[0])[r];
            }
            float scale = (float) Math.pow(1 - ConvBlock.BN_MOMENTUM, total - 1 - position);
            float[] update = ownUpdates.get(u);
            for (int j = 0; j < update.length; j++) {
                out[grads.length + j] += scale * update[j];
            }
        }
        return out;
    }

    /** The owner's BatchNorm elements: (1−m)^F·old + the summed contributions; other buffers unchanged. */
    private void combineBatchNorm(float[] updated, float[] summed, SliceBounds owned, int p) {
        int total = windowPasses();
        float keepAll = (float) Math.pow(1 - ConvBlock.BN_MOMENTUM, total);
        for (FlatLayout.Segment s : buffers.segments()) {
            boolean statistic = StateLayout.isBatchNormStatistic(s.name());
            for (int j = s.offset(); j < s.offset() + s.size(); j++) {
                int k = p + j - owned.from();
                if (k >= 0 && k < updated.length) {
                    updated[k] = statistic ? keepAll * syncedBuffers[j] + summed[k] : syncedBuffers[j];
                }
            }
        }
        forwardsOfOthers = total - forwardsSinceSync;
        windowForwards.clear();
        ownUpdates.clear();
        ownUpdatePlaces.clear();
    }

    /** Forward passes of all replicas since the last BatchNorm sync. */
    private int windowPasses() {
        return windowForwards.stream().mapToInt(f -> Arrays.stream(f).sum()).sum();
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** This replica's state after {@code stats}' span: where a run continues (epoch and batch) and its shard. */
    public ReplicaShard shard(EpochStats stats) {
        Map<String, Object> counters = new LinkedHashMap<>(start.counters());
        boolean epochDone = stats.toBatch() == stats.batches();
        counters.put("epoch", stats.epoch() + (epochDone ? 1 : 0));
        counters.put(TrainState.EPOCH_BATCH, epochDone ? 0 : stats.toBatch());
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
