package sparkyolo.train;

/**
 * What a replica counts while it trains a span of an epoch (losses, images, steps, time waiting
 * for data and in forward/backward), turned into {@link EpochStats} at the span's end.
 */
final class EpochTally {
    private final float[] meanLoss = new float[3];
    private int batches;
    private int images;
    private int optimizerSteps;
    private long dataWaitNanos;
    private long forwardBackwardNanos;

    /** A micro-batch of {@code images} images that waited {@code waitNanos} for its data and took {@code nanos}. */
    void microBatch(int images, long waitNanos, long nanos) {
        this.images += images;
        dataWaitNanos += waitNanos;
        forwardBackwardNanos += nanos;
    }

    /** A global batch ended with these mean losses. */
    void batch(float[] losses) {
        for (int c = 0; c < meanLoss.length; c++) {
            meanLoss[c] = (meanLoss[c] * batches + losses[c]) / (batches + 1);
        }
        batches++;
    }

    void optimizerStep() {
        optimizerSteps++;
    }

    /** The running mean losses (a copy). */
    float[] meanLoss() {
        return meanLoss.clone();
    }

    EpochStats stats(int epoch, double[] lr, int batchesPerEpoch, EpochSpan span, int toBatch, long nanSkipped,
            StepTimes steps, long peerWaitNanos, String device) {
        return new EpochStats(epoch, meanLoss(), lr, batchesPerEpoch, span.fromBatch(), toBatch, images,
                optimizerSteps, nanSkipped, dataWaitNanos, forwardBackwardNanos, steps, peerWaitNanos, device);
    }
}
