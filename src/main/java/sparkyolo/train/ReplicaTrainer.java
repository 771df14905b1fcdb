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
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.model.YoloModel;
import sparkyolo.util.NpyArray;

/**
 * The original's training step loop for one model replica: forward in training mode, loss,
 * backward; every {@code accumulate} batches an optimizer step (NaN/Inf guard, clip to norm 10,
 * SGD/Adam/AdamW with warmup and the LR schedule) followed by an EMA update.
 */
public final class ReplicaTrainer implements AutoCloseable {
    /** Called after every batch with the running mean losses. */
    public interface Progress {
        void batchDone(int batchIndex, int batches, float[] meanLoss, int targets, int imgSize);
    }

    private final YoloModel model;
    private final FlatLayout params;
    private final FlatLayout floating;
    private final byte[] groups;
    private final Optimizer optimizer;
    private final Ema ema;
    private final NanGuard guard;
    private final LrSchedule schedule;
    private final LossFunction loss;
    private final List<NDArray> trainable = new ArrayList<>();
    private final TrainState start;
    private float[] weights;
    private long iterations;
    private long lastOptStep;

    /**
     * @param model a model holding the state's raw weights (the trainer owns it from now on)
     */
    public ReplicaTrainer(YoloModel model, TrainState state, TrainOptions options, Hyp hyp, LossFunction loss) {
        this.model = model;
        this.start = state;
        this.loss = loss;
        List<String> frozen = options.freeze();
        this.params = FlatLayout.parameters(model.parameters(), frozen);
        this.floating = FlatLayout.floatingState(model.parameters());
        this.groups = new byte[params.size()];
        for (FlatLayout.Segment s : params.segments()) {
            java.util.Arrays.fill(groups, s.offset(), s.offset() + s.size(),
                    s.frozen() ? Optimizer.FROZEN : (byte) s.group().ordinal());
            if (!s.frozen()) {
                trainable.add(s.array());
            }
        }
        this.schedule = new LrSchedule(hyp, options.epochs(), options.cosLr(), options.batchSize());
        this.optimizer = Optimizer.create(options.optimizer(), params.size(), hyp.get("momentum"));
        if (!state.optimizer().isEmpty()) {
            optimizer.loadState(state.optimizer());
        }
        this.ema = new Ema(flatten(floating, state.ema()), state.emaUpdates());
        this.guard = new NanGuard(options.nanStepLimit(), state.nanSkippedSteps());
        this.weights = params.values();
        this.iterations = state.iterations();
        this.lastOptStep = state.lastOptStep();
        Autograd.requireGradients(trainable);
    }

    private static float[] flatten(FlatLayout layout, Map<String, NpyArray> values) {
        float[] out = new float[layout.size()];
        for (FlatLayout.Segment s : layout.segments()) {
            NpyArray v = values.get(s.name());
            if (v == null) {
                throw new IllegalArgumentException("training state lacks " + s.name());
            }
            System.arraycopy(v.toFloats(), 0, out, s.offset(), s.size());
        }
        return out;
    }

    /**
     * Trains one epoch over {@code batches} ({@code batchesPerEpoch} of them, which sets the
     * warmup length as in the original).
     */
    public EpochStats runEpoch(int epoch, Iterator<Batch> batches, int batchesPerEpoch, Progress progress) {
        long nw = schedule.warmupIterations(batchesPerEpoch);
        float[] mean = new float[3];
        int b = 0;
        int images = 0;
        int steps = 0;
        long wait = 0;
        long fb = 0;
        long update = 0;
        StepSettings settings = schedule.settings(epoch, iterations, nw);
        while (batches.hasNext()) {
            Batch batch = batches.next();
            wait += batch.waitNanos();
            long ni = iterations;
            settings = schedule.settings(epoch, ni, nw);
            int accumulate = schedule.accumulate(ni, nw);
            long t0 = System.nanoTime();
            float[] items = forwardBackward(batch);
            long t1 = System.nanoTime();
            fb += t1 - t0;
            if (ni - lastOptStep >= accumulate) {
                step(settings, "epoch " + epoch + " batch " + b);
                lastOptStep = ni;
                steps++;
            }
            update += System.nanoTime() - t1;
            for (int k = 0; k < 3; k++) {
                mean[k] = (mean[k] * b + items[k]) / (b + 1);
            }
            b++;
            images += batch.size();
            iterations++;
            if (progress != null) {
                progress.batchDone(b, batchesPerEpoch, mean.clone(), batch.targets().length, batch.width());
            }
        }
        return new EpochStats(epoch, mean, settings.lr().clone(), b, images, steps, guard.skipped(), wait, fb, 0,
                update);
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

    private void step(StepSettings settings, String where) {
        float[] grads = params.gradients();
        Autograd.zeroGradients(trainable);
        if (!guard.check(grads, where)) {
            return;
        }
        GradClip.clip(grads, GradClip.MAX_NORM);
        optimizer.step(weights, grads, groups, 0, weights.length, settings);
        Engines.withoutGrad(() -> {
            params.setValues(weights);
            return null;
        });
        float[] state = floating.values();
        ema.update(state, 0, state.length);
    }

    /** The state after the epochs run so far ({@code nextEpoch} is where a resume continues). */
    public TrainState state(int nextEpoch) {
        Map<String, NpyArray> emaDict = new LinkedHashMap<>();
        Map<String, NpyArray> modelDict = model.parameters().toStateDict();
        float[] e = ema.values();
        for (Map.Entry<String, NpyArray> entry : modelDict.entrySet()) {
            emaDict.put(entry.getKey(), entry.getValue());
        }
        for (FlatLayout.Segment s : floating.segments()) {
            float[] part = java.util.Arrays.copyOfRange(e, s.offset(), s.offset() + s.size());
            emaDict.put(s.name(), NpyArray.ofFloats(part, s.array().getShape().getShape()));
        }
        Map<String, Object> counters = new LinkedHashMap<>(start.counters());
        counters.put("epoch", nextEpoch);
        counters.put("iterations", iterations);
        counters.put("last_opt_step", lastOptStep);
        counters.put("ema_updates", ema.updates());
        counters.put("nan_skipped_steps", guard.skipped());
        return new TrainState(start.spec(), start.names(), modelDict, emaDict, optimizer.state(), counters);
    }

    @Override
    public void close() {
        model.close();
    }
}
