package sparkyolo.train;

import static sparkyolo.util.InvalidOptionException.requireAtLeast;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import sparkyolo.data.augment.CacheMode;
import sparkyolo.dist.WireFormat;
import sparkyolo.random.NumpyRandomState;
import sparkyolo.util.InvalidOptionException;

/**
 * The settings of a training run that its replicas need, checked in one place: every way of
 * starting a run (the CLI, the Spark ML estimator, the benchmark, a resumed checkpoint) builds
 * them with {@link #builder()} or this constructor, so a bad value fails on the driver before any
 * Spark job, naming the option as the command line spells it. Defaults are the CLI's.
 *
 * @param epochs         epochs to train (the run's total; a resume may extend it)
 * @param batchSize      global batch size
 * @param imgSize        train and val image size; a run rounds it up to the model's stride
 * @param freeze         state_dict name prefixes of frozen layers ({@code model.0.}, ...)
 * @param workers        loader threads per replica
 * @param nanStepLimit   consecutive NaN/Inf optimizer steps before the run stops
 * @param replicas       model replicas (one per executor), each taking batchSize / replicas images;
 *                       0: one per executor
 * @param microBatch     largest forward pass of a replica in images (0: its whole share)
 * @param gradCompression gradients on the wire between replicas
 * @param gpusPerReplica GPUs each replica's task asks for (a task resource profile); 0 for CPU
 * @param cache          where replicas keep the loaded training images across epochs; null (as in
 *                       checkpoints written before the option existed) means none
 */
public record TrainOptions(int epochs, int batchSize, int imgSize, OptimizerName optimizer, boolean cosLr,
        double labelSmoothing, List<String> freeze, long seed, int workers, int nanStepLimit, int replicas,
        int microBatch, WireFormat gradCompression, int gpusPerReplica, CacheMode cache) implements Serializable {
    /** Largest image size accepted, as for inference. */
    public static final int MAX_IMG_SIZE = 8192;
    private static final Pattern LAYER_PREFIX = Pattern.compile("model\\.\\d+\\.");

    public TrainOptions {
        requireAtLeast("--epochs", epochs, 1);
        requireAtLeast("--batch-size", batchSize, 1);
        if (imgSize < 1 || imgSize > MAX_IMG_SIZE) {
            throw new InvalidOptionException("--img", "must be between 1 and " + MAX_IMG_SIZE + " pixels, got " + imgSize);
        }
        if (optimizer == null) {
            throw new InvalidOptionException("--optimizer", "must be one of " + OptimizerName.choices());
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new InvalidOptionException("--label-smoothing", "must be in [0, 1), got " + labelSmoothing);
        }
        freeze = List.copyOf(freeze);
        for (String prefix : freeze) {
            if (!LAYER_PREFIX.matcher(prefix).matches()) {
                throw new InvalidOptionException("--freeze", "names layers by number, got '" + prefix + "'");
            }
        }
        if (seed < 0 || seed > NumpyRandomState.MAX_SEED) {
            throw new InvalidOptionException("--seed", "must be in [0, " + NumpyRandomState.MAX_SEED
                    + "] (AutoAnchor seeds numpy with it, as the original), got " + seed);
        }
        requireAtLeast("--workers", workers, 0);
        requireAtLeast("--nan-limit", nanStepLimit, 1);
        requireAtLeast("--replicas", replicas, 0);
        requireAtLeast("--micro-batch", microBatch, 0);
        requireAtLeast("--gpus-per-replica", gpusPerReplica, 0);
        if (gradCompression == null) {
            throw new InvalidOptionException("--grad-compression", "must be none, bf16 or fp16");
        }
        if (cache == null) {
            cache = CacheMode.NONE;
        }
        if (replicas > batchSize) {
            throw new InvalidOptionException("--batch-size", batchSize + " is smaller than --replicas " + replicas
                    + ": every replica needs at least one image per batch");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).imgSize(imgSize).optimizer(optimizer).cosLr(cosLr)
                .labelSmoothing(labelSmoothing).freeze(freeze).seed(seed).workers(workers).nanStepLimit(nanStepLimit)
                .replicas(replicas).microBatch(microBatch).gradCompression(gradCompression)
                .gpusPerReplica(gpusPerReplica).cache(cache);
    }

    public TrainOptions withReplicas(int n) {
        return toBuilder().replicas(n).build();
    }

    /** The original's --freeze: one number N freezes layers 0..N-1, several numbers freeze those layers. */
    public static List<String> freezeLayers(int... layers) {
        if (layers.length == 1) {
            return java.util.stream.IntStream.range(0, layers[0]).mapToObj(i -> "model." + i + ".").toList();
        }
        return java.util.Arrays.stream(layers).mapToObj(i -> "model." + i + ".").toList();
    }

    /** Training options with the CLI's defaults; {@link #build()} checks them. */
    public static final class Builder {
        private int epochs = 3;
        private int batchSize = 16;
        private int imgSize = 320;
        private OptimizerName optimizer = OptimizerName.SGD;
        private boolean cosLr;
        private double labelSmoothing;
        private List<String> freeze = List.of();
        private long seed;
        private int workers = 2;
        private int nanStepLimit = 10;
        private int replicas;
        private int microBatch;
        private WireFormat gradCompression = WireFormat.NONE;
        private int gpusPerReplica;
        private CacheMode cache = CacheMode.NONE;

        private Builder() {
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder imgSize(int v) {
            imgSize = v;
            return this;
        }

        public Builder optimizer(OptimizerName v) {
            optimizer = v;
            return this;
        }

        public Builder cosLr(boolean v) {
            cosLr = v;
            return this;
        }

        public Builder labelSmoothing(double v) {
            labelSmoothing = v;
            return this;
        }

        /** State_dict prefixes of frozen layers; see {@link #freezeLayers(int...)}. */
        public Builder freeze(List<String> v) {
            freeze = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        public Builder nanStepLimit(int v) {
            nanStepLimit = v;
            return this;
        }

        public Builder replicas(int v) {
            replicas = v;
            return this;
        }

        public Builder microBatch(int v) {
            microBatch = v;
            return this;
        }

        public Builder gradCompression(WireFormat v) {
            gradCompression = v;
            return this;
        }

        public Builder gpusPerReplica(int v) {
            gpusPerReplica = v;
            return this;
        }

        public Builder cache(CacheMode v) {
            cache = v;
            return this;
        }

        /** @throws InvalidOptionException naming the first option with a value that cannot be used */
        public TrainOptions build() {
            return new TrainOptions(epochs, batchSize, imgSize, optimizer, cosLr, labelSmoothing, freeze, seed, workers,
                    nanStepLimit, replicas, microBatch, gradCompression, gpusPerReplica, cache);
        }
    }
}
