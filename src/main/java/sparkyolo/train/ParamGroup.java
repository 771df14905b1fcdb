package sparkyolo.train;

/**
 * The original's three optimizer parameter groups, in its param_groups order: biases (no weight
 * decay; warmup lr starts at warmup_bias_lr), weights of convolutions (with weight decay) and
 * BatchNorm weights (no weight decay).
 */
public enum ParamGroup {
    BIAS, WEIGHT, NORM_WEIGHT;

    /** The group of a parameter from its Ultralytics state_dict name. */
    public static ParamGroup of(String name) {
        if (name.endsWith(".bias")) {
            return BIAS;
        }
        if (name.endsWith(".bn.weight")) {
            return NORM_WEIGHT;
        }
        return WEIGHT;
    }

    public boolean decays() {
        return this == WEIGHT;
    }
}
