package sparkyolo.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.model.ModelSpec;
import sparkyolo.util.NpyArray;
import sparkyolo.weights.Checkpoint;

/**
 * Everything a run needs to continue exactly: model weights, EMA, optimizer state and the
 * counters. Stored as a {@link Checkpoint} whose main weights are the EMA weights (what is
 * validated and used for inference); the raw model and optimizer go under {@code train/}.
 */
public final class TrainState {
    /** The counter of the next global batch within the epoch (checkpoints saved in mid-epoch). */
    public static final String EPOCH_BATCH = "epoch_batch";

    private final ModelSpec spec;
    private final List<String> names;
    private final Map<String, NpyArray> model;
    private final Map<String, NpyArray> ema;
    private final Map<String, float[]> optimizer;
    private final Map<String, Object> counters;

    public TrainState(ModelSpec spec, List<String> names, Map<String, NpyArray> model, Map<String, NpyArray> ema,
            Map<String, float[]> optimizer, Map<String, Object> counters) {
        this.spec = spec;
        this.names = List.copyOf(names);
        this.model = new LinkedHashMap<>(model);
        this.ema = new LinkedHashMap<>(ema);
        this.optimizer = new LinkedHashMap<>(optimizer);
        this.counters = new LinkedHashMap<>(counters);
    }

    /** The start of a run: EMA = model, no optimizer state, epoch 0. */
    public static TrainState start(ModelSpec spec, List<String> names, Map<String, NpyArray> weights) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("epoch", 0);
        c.put("iterations", 0L);
        c.put("last_opt_step", -1L);
        c.put("ema_updates", 0L);
        c.put("best_fitness", 0.0);
        c.put("nan_skipped_steps", 0L);
        c.put("epochs_without_improvement", 0);
        return new TrainState(spec, names, weights, weights, Map.of(), c);
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<String> names() {
        return names;
    }

    public Map<String, NpyArray> model() {
        return model;
    }

    public Map<String, NpyArray> ema() {
        return ema;
    }

    public Map<String, float[]> optimizer() {
        return optimizer;
    }

    /** The epoch in progress (or next to run). */
    public int epoch() {
        return ((Number) counters.get("epoch")).intValue();
    }

    /** The next global batch of {@link #epoch()}: 0 unless the state was saved in mid-epoch. */
    public int epochBatch() {
        return ((Number) counters.getOrDefault(EPOCH_BATCH, 0)).intValue();
    }

    public long iterations() {
        return ((Number) counters.get("iterations")).longValue();
    }

    public long lastOptStep() {
        return ((Number) counters.get("last_opt_step")).longValue();
    }

    public long emaUpdates() {
        return ((Number) counters.get("ema_updates")).longValue();
    }

    public double bestFitness() {
        return ((Number) counters.get("best_fitness")).doubleValue();
    }

    public long nanSkippedSteps() {
        return ((Number) counters.get("nan_skipped_steps")).longValue();
    }

    public int epochsWithoutImprovement() {
        return ((Number) counters.get("epochs_without_improvement")).intValue();
    }

    public Map<String, Object> counters() {
        return java.util.Collections.unmodifiableMap(counters);
    }

    /** A copy with some counters changed. */
    public TrainState withCounters(Map<String, Object> changes) {
        Map<String, Object> c = new LinkedHashMap<>(counters);
        c.putAll(changes);
        return new TrainState(spec, names, model, ema, optimizer, c);
    }

    public TrainState withWeights(Map<String, NpyArray> newModel, Map<String, NpyArray> newEma,
            Map<String, float[]> newOptimizer) {
        return new TrainState(spec, names, newModel, newEma, newOptimizer, counters);
    }

    /**
     * As a checkpoint (EMA weights first), with {@code extra} training metadata (options, hyp, ...).
     */
    public Checkpoint toCheckpoint(Map<String, Object> provenance, Map<String, Object> extra) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        model.forEach((k, v) -> arrays.put("model/" + k, v));
        optimizer.forEach((k, v) -> arrays.put("optimizer/" + k, NpyArray.ofFloats(v, v.length)));
        Map<String, Object> training = new LinkedHashMap<>(counters);
        training.putAll(extra);
        return new Checkpoint(spec, names, ema, provenance, training, arrays);
    }

    /** Reads the state back from a training checkpoint (one written by {@link #toCheckpoint}). */
    public static TrainState fromCheckpoint(Checkpoint c, String source) {
        if (c.training().isEmpty() || !c.training().containsKey("epoch")) {
            throw new IllegalArgumentException(source + ": not a training checkpoint (no training state to resume)");
        }
        Map<String, NpyArray> model = new LinkedHashMap<>();
        Map<String, float[]> optimizer = new LinkedHashMap<>();
        c.trainingArrays().forEach((k, v) -> {
            if (k.startsWith("model/")) {
                model.put(k.substring(6), v);
            } else if (k.startsWith("optimizer/")) {
                optimizer.put(k.substring(10), v.toFloats());
            }
        });
        Map<String, Object> counters = new LinkedHashMap<>();
        for (String k : List.of("epoch", "iterations", "last_opt_step", "ema_updates", "best_fitness",
                "nan_skipped_steps", "epochs_without_improvement")) {
            Object v = c.training().get(k);
            if (v == null) {
                throw new IllegalArgumentException(source + ": training state lacks '" + k + "'");
            }
            counters.put(k, v);
        }
        if (c.training().get(EPOCH_BATCH) instanceof Number batch && batch.intValue() > 0) {
            counters.put(EPOCH_BATCH, batch.intValue());
        }
        return new TrainState(c.spec(), c.names(), model, c.stateDict(), optimizer, counters);
    }
}
