package sparkyolo.train;

import sparkyolo.dist.SliceBounds;

/**
 * What an optimizer step does with the model's floating buffers (BatchNorm running statistics,
 * anchors). One replica keeps its own ({@link LocalBatchNorm}); several combine theirs at every
 * step as if one replica had run every forward pass ({@link BatchNormSync}), through the step's
 * vector, after the gradient.
 */
interface BatchNormStatistics {
    /** How many values the buffers add to the step's vector (0: they do not travel). */
    int vectorLength();

    /** Before a forward pass of this replica in training mode. */
    void beforeForward();

    /** After that forward pass, micro-batch {@code micro} of the current iteration. */
    void afterForward(int micro);

    /** After an iteration in which replica r ran {@code forwardsPerReplica[r]} forward passes. */
    void iterationDone(int[] forwardsPerReplica);

    /** Whether forward passes ran since the last step (a BatchNorm-only sync is owed at the epoch's end). */
    boolean pending();

    /** Writes this replica's contribution into {@code vector[at, at + vectorLength())}. */
    void contributionsInto(float[] vector, int at);

    /**
     * Writes the combined buffers of the owned part of the vector into {@code state}, from the
     * summed contributions {@code summed} (the owner's slice of the reduced vector).
     */
    void combineInto(float[] state, float[] summed, SliceBounds owned, int at);

    /** Puts the buffers of {@code state[at ...]}, now complete, into the model; the window starts again. */
    void writeBack(float[] state, int at);

    /** The model's buffers as the EMA follows them: {@code state[at ...]}, or read from the model. */
    float[] current(float[] state, int at);

    /** The model's buffers as a new vector. */
    float[] values();
}
