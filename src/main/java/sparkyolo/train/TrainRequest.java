package sparkyolo.train;

import static sparkyolo.util.InvalidOptionException.requireAtLeast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import sparkyolo.util.InvalidOptionException;

/**
 * A training run as the user asked for it, built with {@link #builder(String, TrainOptions)}.
 *
 * @param data        dataset YAML
 * @param cfg         model YAML or null (from the weights, else yolov5n.yaml)
 * @param weights     initial weights or null (scratch)
 * @param hyp         hyperparameter YAML (file or bundled name)
 * @param patience    epochs without improvement before stopping early (0: never)
 * @param resume      null (new run), "" (the most recent run) or a last checkpoint path
 * @param epochsGiven whether --epochs was given (a resume may then extend the run)
 * @param savePeriodBatches also checkpoint every this many global batches (at the next optimizer
 *                    step); 0: per epoch only
 * @param flags       the command's flags, stored in checkpoints' provenance
 */
public record TrainRequest(String data, String cfg, String weights, String hyp, TrainOptions options, int patience,
        String resume, boolean epochsGiven, int savePeriodBatches, boolean autoAnchor, boolean validateEachEpoch,
        boolean saveEachEpoch, boolean plots, Map<String, Object> flags) {
    public TrainRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(hyp, "hyp");
        Objects.requireNonNull(options, "options");
        requireAtLeast("--patience", patience, 0);
        requireAtLeast("--save-period-batches", savePeriodBatches, 0);
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    public static Builder builder(String data, TrainOptions options) {
        return new Builder(data, options);
    }

    /** A request with the CLI's defaults for everything but the dataset and the options. */
    public static final class Builder {
        private final String data;
        private final TrainOptions options;
        private String cfg;
        private String weights;
        private String hyp = "hyp.scratch-low.yaml";
        private int patience = 100;
        private String resume;
        private boolean epochsGiven;
        private int savePeriodBatches;
        private boolean autoAnchor = true;
        private boolean validateEachEpoch = true;
        private boolean saveEachEpoch = true;
        private boolean plots = true;
        private Map<String, Object> flags = Map.of();

        private Builder(String data, TrainOptions options) {
            this.data = data;
            this.options = options;
        }

        /** The model YAML; null or empty: from the weights, else yolov5n.yaml. */
        public Builder cfg(String v) {
            cfg = v == null || v.isEmpty() ? null : v;
            return this;
        }

        /** Initial weights; null or empty: train from scratch. */
        public Builder weights(String v) {
            weights = v == null || v.isEmpty() ? null : v;
            return this;
        }

        public Builder hyp(String v) {
            hyp = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** Resume the most recent run ("") or the given last checkpoint. */
        public Builder resume(String v) {
            resume = v;
            return this;
        }

        public Builder epochsGiven(boolean v) {
            epochsGiven = v;
            return this;
        }

        public Builder savePeriodBatches(int v) {
            savePeriodBatches = v;
            return this;
        }

        public Builder autoAnchor(boolean v) {
            autoAnchor = v;
            return this;
        }

        public Builder validateEachEpoch(boolean v) {
            validateEachEpoch = v;
            return this;
        }

        public Builder saveEachEpoch(boolean v) {
            saveEachEpoch = v;
            return this;
        }

        public Builder plots(boolean v) {
            plots = v;
            return this;
        }

        public Builder flags(Map<String, Object> v) {
            flags = v;
            return this;
        }

        public TrainRequest build() {
            return new TrainRequest(data, cfg, weights, hyp, options, patience, resume, epochsGiven, savePeriodBatches,
                    autoAnchor, validateEachEpoch, saveEachEpoch, plots, flags);
        }
    }
}
