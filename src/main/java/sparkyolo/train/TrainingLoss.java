package sparkyolo.train;

import sparkyolo.hyp.Hyp;
import sparkyolo.loss.ComputeLoss;
import sparkyolo.loss.LossGains;
import sparkyolo.loss.LossResult;
import sparkyolo.model.YoloNetwork;

/** The training loss of a model: ComputeLoss with the gains rescaled as the original's train.py. */
public final class TrainingLoss {
    private TrainingLoss() {
    }

    public static LossFunction create(YoloNetwork model, Hyp hyp, TrainOptions options) {
        LossGains gains = LossGains.scaled(hyp, model.detect().levels(), model.nc(), options.imgSize())
                .withLabelSmoothing(options.labelSmoothing());
        ComputeLoss loss = ComputeLoss.forModel(model, gains);
        return (raw, targets) -> {
            LossResult r = loss.compute(raw, targets);
            return new LossFunction.Output(r.total(), r.items());
        };
    }
}
