package sparkyolo.train;

import java.io.Serializable;

/**
 * What one replica did in one epoch: mean losses {@code [box, obj, cls]}, the learning rates of
 * the three groups at the end, counts, and where the time went (nanoseconds).
 */
public record EpochStats(int epoch, float[] meanLoss, double[] lr, int batches, int images, int optimizerSteps,
        long nanSkipped, long dataWaitNanos, long forwardBackwardNanos, long syncNanos, long updateNanos, String device)
        implements Serializable {
    /** The same statistics, saying which device (and assigned GPU) the replica used. */
    public EpochStats withDevice(String d) {
        return new EpochStats(epoch, meanLoss, lr, batches, images, optimizerSteps, nanSkipped, dataWaitNanos,
                forwardBackwardNanos, syncNanos, updateNanos, d);
    }
}
