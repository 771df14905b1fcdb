package sparkyolo.train;

/**
 * The settings of one optimizer step: learning rate per {@link ParamGroup}, momentum (SGD; the
 * warmup ramps it) and the weight decay of the decaying group.
 */
public record StepSettings(double[] lr, double momentum, double weightDecay) {
    public double lr(int group) {
        return lr[group];
    }

    public double decay(int group) {
        return group == ParamGroup.WEIGHT.ordinal() ? weightDecay : 0.0;
    }
}
