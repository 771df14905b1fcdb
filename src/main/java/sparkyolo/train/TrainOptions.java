package sparkyolo.train;

import java.io.Serializable;
import java.util.List;

/**
 * The settings of a training run that its replicas need (the CLI's flags, checked).
 *
 * @param batchSize      global batch size
 * @param freeze         state_dict name prefixes of frozen layers ({@code model.0.}, ...)
 * @param workers        loader threads per replica
 * @param nanStepLimit   consecutive NaN/Inf steps before the run stops
 */
public record TrainOptions(int epochs, int batchSize, int imgSize, String optimizer, boolean cosLr,
        double labelSmoothing, List<String> freeze, long seed, int workers, int nanStepLimit)
        implements Serializable {
}
