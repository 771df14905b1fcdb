package sparkyolo.train;

import java.util.Map;

/**
 * A training run as the user asked for it.
 *
 * @param weights  initial weights or null (scratch)
 * @param resume   null (new run), "" (the most recent run) or a last checkpoint path
 * @param epochsGiven whether --epochs was given (a resume may then extend the run)
 * @param savePeriodSteps also checkpoint every this many global batches (at the next optimizer step); 0: per epoch only
 * @param flags    the command's flags, stored in checkpoints' provenance
 */
public record TrainRequest(String data, String cfg, String weights, String hyp, TrainOptions options, int patience,
        String resume, boolean epochsGiven, int savePeriodSteps, boolean autoAnchor, boolean validateEachEpoch, boolean saveEachEpoch, boolean plots,
        Map<String, Object> flags) {
}
