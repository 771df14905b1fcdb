package sparkyolo.train;

import java.io.Serializable;
import java.util.List;

/**
 * What one replica did in (a span of) one epoch: mean losses {@code [box, obj, cls]} over the
 * span's batches, the learning rates of the three groups at the end, the epoch's batch count and
 * the span {@code [fromBatch, toBatch)}, counts, and where the time went (nanoseconds; of the
 * sync time, {@code peerWaitNanos} waiting for slower peers).
 */
public record EpochStats(int epoch, float[] meanLoss, double[] lr, int batches, int fromBatch, int toBatch, int images,
        int optimizerSteps, long nanSkipped, long dataWaitNanos, long forwardBackwardNanos, StepTimes steps,
        long peerWaitNanos, String device) implements Serializable {
    /** The synchronization of the steps, from the gradients' copy out to the weights' copy back in. */
    public long syncNanos() {
        return steps.sync();
    }

    /** The replica's own update of its slice (optimizer and EMA). */
    public long updateNanos() {
        return steps.updateAndEma();
    }

    /** The same statistics, saying which device (and assigned GPU) the replica used. */
    public EpochStats withDevice(String d) {
        return new EpochStats(epoch, meanLoss, lr, batches, fromBatch, toBatch, images, optimizerSteps, nanSkipped,
                dataWaitNanos, forwardBackwardNanos, steps, peerWaitNanos, d);
    }

    /** The statistics of consecutive spans of one epoch as one (losses weighted by batches). */
    public static EpochStats combine(List<EpochStats> spans) {
        EpochStats first = spans.get(0);
        EpochStats last = spans.get(spans.size() - 1);
        float[] mean = new float[first.meanLoss.length];
        int images = 0;
        int optimizerSteps = 0;
        long wait = 0;
        long fb = 0;
        StepTimes steps = StepTimes.ZERO;
        long peerWait = 0;
        for (EpochStats s : spans) {
            float weight = (float) (s.toBatch - s.fromBatch) / (last.toBatch - first.fromBatch);
            for (int c = 0; c < mean.length; c++) {
                mean[c] += weight * s.meanLoss[c];
            }
            images += s.images;
            optimizerSteps += s.optimizerSteps;
            wait += s.dataWaitNanos;
            fb += s.forwardBackwardNanos;
            steps = steps.plus(s.steps);
            peerWait += s.peerWaitNanos;
        }
        return new EpochStats(first.epoch, spans.size() == 1 ? first.meanLoss : mean, last.lr, first.batches,
                first.fromBatch, last.toBatch, images, optimizerSteps, last.nanSkipped, wait, fb, steps, peerWait,
                last.device);
    }
}
