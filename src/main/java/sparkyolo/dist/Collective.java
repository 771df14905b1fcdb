package sparkyolo.dist;

/**
 * The exchanges replicas make at every optimizer step. The flat parameter vector is split into
 * one owner slice per replica ({@link SliceBounds}); sums run in rank order, so every replica
 * computes bit-identical results and N replicas equal one replica summing in the same order.
 */
public interface Collective {
    int rank();

    int size();

    /** The owner slice bounds of a vector of {@code length} elements for replica {@code rank}. */
    default SliceBounds slice(int length, int rank) {
        return SliceBounds.of(length, size(), rank);
    }

    /** Sums everyone's {@code full} vectors and returns this replica's slice of the sum, valid until the next call. */
    float[] reduceScatter(float[] full, long step);

    /**
     * Completes {@code vector} with every other replica's slice of it: this replica's own slice
     * ({@link #slice}) is what it gives the others, the rest is overwritten with theirs.
     */
    void allGather(float[] vector, long step);

    /** Every replica's small vector (all of the same length), concatenated in rank order. */
    float[] gatherAll(float[] mine, long step, String tag);

    /**
     * Of the time spent in the exchanges so far, how long this replica waited for peers that had
     * not sent their part yet (a slower peer), as opposed to moving and summing the data.
     */
    long peerWaitNanos();
}
