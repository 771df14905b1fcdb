package sparkyolo.train;

import java.io.Serializable;

/**
 * The part of an epoch that one Spark job trains: from global batch {@code fromBatch} to the end
 * of the epoch or, with {@code periodBatches} > 0, to the first optimizer step after that many
 * batches (a step boundary leaves no accumulated gradient behind, so the state at the end of a
 * span is a complete checkpoint).
 */
public record EpochSpan(int fromBatch, int periodBatches) implements Serializable {
    public static final EpochSpan WHOLE = new EpochSpan(0, 0);

    public EpochSpan {
        if (fromBatch < 0 || periodBatches < 0) {
            throw new IllegalArgumentException("negative epoch span " + fromBatch + "+" + periodBatches);
        }
    }

    /** Whether a span that has trained {@code done} batches ends at the optimizer step just taken. */
    boolean endsAfterStep(int done) {
        return periodBatches > 0 && done >= periodBatches;
    }
}
