package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.dist.Collective;
import sparkyolo.dist.SliceBounds;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.hyp.Hyp;
import sparkyolo.model.ParameterStore;
import sparkyolo.model.YoloNetwork;

/**
 * One optimizer step of a replica among {@code collective.size()}, the original's recipe spread
 * over owner slices (BigDL DistriOptimizer style):
 * <ol>
 * <li>gradients out of the model into the step's vector, followed by the BatchNorm contributions;</li>
 * <li>reduce-scatter: this replica's slice of everyone's sum, in rank order;</li>
 * <li>the global gradient norm from every owner's partial sum: NaN/Inf skips the step on every
 *     replica alike, otherwise the gradients are clipped to norm 10;</li>
 * <li>the optimizer updates this replica's slice of the weights, and the owner combines its
 *     slice of the BatchNorm statistics;</li>
 * <li>all-gather: every owner's slice, so every replica holds the same weights and statistics;</li>
 * <li>weights and statistics back into the model; the EMA follows this replica's slice.</li>
 * </ol>
 * The vectors are allocated once: {@code gradient} ({@code [grads | BatchNorm contributions]})
 * and {@code state} ({@code [weights | BatchNorm statistics]}), whose owned slice this replica
 * updates and whose other slices the all-gather fills in.
 */
final class OptimizerStep {
    private final FlatLayout params;
    private final List<NDArray> trainable;
    private final BatchNormStatistics batchNorm;
    private final Collective collective;
    private final Optimizer optimizer;
    private final Ema paramsEma;
    private final Ema buffersEma;
    private final NanGuard guard;
    private final byte[] groups;
    private final float[] gradient;
    private final float[] state;
    /** This replica's slice of the step's vector, and of it the part over the parameters. */
    private final SliceBounds owned;
    private final SliceBounds ownedParams;
    private StepTimes times = StepTimes.ZERO;

    OptimizerStep(FlatLayout params, List<NDArray> trainable, BatchNormStatistics batchNorm, Collective collective,
            Optimizer optimizer, Ema paramsEma, Ema buffersEma, NanGuard guard, byte[] groups) {
        this.params = params;
        this.trainable = trainable;
        this.batchNorm = batchNorm;
        this.collective = collective;
        this.optimizer = optimizer;
        this.paramsEma = paramsEma;
        this.buffersEma = buffersEma;
        this.guard = guard;
        this.groups = groups;
        int p = params.size();
        int length = p + batchNorm.vectorLength();
        this.gradient = new float[length];
        this.state = new float[length];
        params.valuesInto(state, 0);
        if (batchNorm.vectorLength() > 0) {
            System.arraycopy(batchNorm.values(), 0, state, p, batchNorm.vectorLength());
        }
        this.owned = collective.slice(length, collective.rank());
        this.ownedParams = ownedParameters(params.size(), length, collective);
    }

    /**
     * The step of a replica of {@code model} continuing {@code state}: the optimizer's and the
     * parameter EMA's part for this replica's slice, the replicated buffer EMA, the NaN/Inf guard.
     */
    static OptimizerStep forModel(YoloNetwork model, TrainState state, TrainOptions options, Hyp hyp,
            Collective collective) {
        FlatLayout params = FlatLayout.parameters(model.parameters(), options.freeze());
        FlatLayout buffers = FlatLayout.floatBuffers(model.parameters());
        List<NDArray> batchCounters = model.parameters().entries().stream()
                .filter(e -> e.name().endsWith(".num_batches_tracked")).map(ParameterStore.Entry::array).toList();
        BatchNormStatistics batchNorm = collective.size() > 1
                ? new BatchNormSync(buffers, batchCounters, collective.rank()) : new LocalBatchNorm(buffers);
        // Owner slices cut the step's vector: the gradient, followed (with several replicas) by the
        // BatchNorm statistics; this replica's parameters are the part of its slice before them.
        SliceBounds mine = ownedParameters(params.size(), params.size() + batchNorm.vectorLength(), collective);
        byte[] groups = new byte[params.size()];
        List<NDArray> trainable = new ArrayList<>();
        for (FlatLayout.Segment s : params.segments()) {
            Arrays.fill(groups, s.offset(), s.offset() + s.size(), s.frozen() ? Optimizer.FROZEN : (byte) s.group().ordinal());
            if (!s.frozen()) {
                trainable.add(s.array());
            }
        }
        Optimizer optimizer = Optimizer.create(options.optimizer(), mine.length(), hyp.get("momentum"));
        if (!state.optimizer().isEmpty()) {
            optimizer.loadState(sliceOf(state.optimizer(), mine));
        }
        StateLayout layout = StateLayout.of(state.ema());
        Ema paramsEma = new Ema(Arrays.copyOfRange(layout.parameterVector(state.ema()), mine.from(), mine.to()),
                state.emaUpdates());
        Ema buffersEma = new Ema(layout.bufferVector(state.ema()), state.emaUpdates());
        Autograd.requireGradients(trainable);
        return new OptimizerStep(params, trainable, batchNorm, collective, optimizer, paramsEma, buffersEma,
                new NanGuard(options.nanStepLimit(), state.nanSkippedSteps()), groups);
    }

    /** This replica's part of full-vector optimizer state (scalar counters are shared). */
    static Map<String, float[]> sliceOf(Map<String, float[]> full, SliceBounds slice) {
        Map<String, float[]> out = new LinkedHashMap<>();
        full.forEach((k, v) -> out.put(k, k.startsWith(Optimizer.SCALAR) ? v : Arrays.copyOfRange(v, slice.from(), slice.to())));
        return out;
    }

    /** The part over the parameters of this replica's slice of a vector of {@code length} values. */
    static SliceBounds ownedParameters(int parameters, int length, Collective collective) {
        SliceBounds owned = collective.slice(length, collective.rank());
        return new SliceBounds(Math.min(owned.from(), parameters), Math.min(owned.to(), parameters));
    }

    /** Steps at iteration {@code ni} with {@code settings}; {@code where} names it in messages. */
    void run(StepSettings settings, long ni, String where) {
        long t0 = System.nanoTime();
        params.gradientsInto(gradient, 0);
        Autograd.zeroGradients(trainable);
        batchNorm.contributionsInto(gradient, params.size());
        long t1 = System.nanoTime();
        float[] slice = collective.reduceScatter(gradient, ni);
        long t2 = System.nanoTime();
        double sumOfSquares = globalSumOfSquares(slice, ni);
        long t3 = System.nanoTime();
        boolean finite = Double.isFinite(sumOfSquares);
        if (guard.check(finite, where)) {
            GradClip.scale(slice, ownedParams.length(), sumOfSquares, GradClip.MAX_NORM);
            optimizer.step(state, ownedParams.from(), slice, ownedParams.length(), groups, settings);
        }
        batchNorm.combineInto(state, slice, owned, params.size());
        long t4 = System.nanoTime();
        collective.allGather(state, ni);
        long t5 = System.nanoTime();
        writeBack();
        long t6 = System.nanoTime();
        if (finite) {
            paramsEma.update(state, ownedParams.from());
            buffersEma.update(batchNorm.current(state, params.size()), 0);
        }
        long t7 = System.nanoTime();
        times = times.plus(new StepTimes(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6));
    }

    /**
     * At the end of an epoch whose last batches were not followed by a step, the replicas still
     * combine their BatchNorm statistics (a zero gradient, no update), so that every replica ends
     * with the statistics of every micro-batch it trained on.
     */
    void syncBatchNormOnly(long ni) {
        long t0 = System.nanoTime();
        Arrays.fill(gradient, 0, params.size(), 0f);
        batchNorm.contributionsInto(gradient, params.size());
        float[] slice = collective.reduceScatter(gradient, ni);
        batchNorm.combineInto(state, slice, owned, params.size());
        long t1 = System.nanoTime();
        collective.allGather(state, ni);
        writeBack();
        times = times.plus(new StepTimes(0, t1 - t0, 0, 0, System.nanoTime() - t1, 0, 0));
    }

    /**
     * The squared L2 norm of the whole summed gradient: this owner's part, exchanged with every
     * other owner's. The parts travel as double (hi + lo floats), so the norm, and with it the clip
     * factor, does not depend on how the vector is split across replicas.
     */
    private double globalSumOfSquares(float[] slice, long ni) {
        double sumSq = 0;
        for (int j = 0; j < ownedParams.length(); j++) {
            sumSq += (double) slice[j] * slice[j];
        }
        float hi = (float) sumSq;
        float[] parts = collective.gatherAll(new float[] {hi, (float) (sumSq - hi)}, ni, "norm");
        double total = 0;
        for (int k = 0; k < parts.length; k += 2) {
            total += (double) parts[k] + parts[k + 1];
        }
        return total;
    }

    private void writeBack() {
        batchNorm.writeBack(state, params.size());
        Engines.withoutGrad(() -> {
            params.setValues(state, 0);
            return null;
        });
    }

    /** The replicated weights (the same on every replica after a step). */
    float[] weights() {
        return state;
    }

    /** The times of the steps so far. */
    StepTimes times() {
        return times;
    }

    /** This replica's slice of the parameters, which its optimizer state and parameter EMA cover. */
    SliceBounds ownedParams() {
        return ownedParams;
    }

    /** What the training loop tells about its forward passes. */
    BatchNormStatistics batchNorm() {
        return batchNorm;
    }

    /** Steps skipped for NaN/Inf gradients so far. */
    long skipped() {
        return guard.skipped();
    }

    Map<String, float[]> optimizerState() {
        return optimizer.state();
    }

    /** The EMA of this replica's slice of the parameters. */
    float[] emaSlice() {
        return paramsEma.values();
    }

    /** The EMA of the floating buffers (replicated). */
    float[] emaBuffers() {
        return buffersEma.values();
    }

    long emaUpdates() {
        return paramsEma.updates();
    }
}
