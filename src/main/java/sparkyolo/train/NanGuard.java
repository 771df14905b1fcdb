package sparkyolo.train;

/**
 * Skips optimizer steps whose gradients hold NaN or Inf (bad labels, overflow) and stops the
 * run with a clear message once too many were skipped in a row.
 */
public final class NanGuard {
    private final int limit;
    private long skipped;
    private int consecutive;

    /** @param limit consecutive skipped steps after which training stops */
    public NanGuard(int limit, long skippedSoFar) {
        this.limit = limit;
        this.skipped = skippedSoFar;
    }

    /** True for a finite step; otherwise counts a skipped step (and throws past the limit). */
    public boolean check(boolean finite, String where) {
        if (finite) {
            consecutive = 0;
            return true;
        }
        skipped++;
        consecutive++;
        if (consecutive >= limit) {
            throw new NonFiniteTrainingException(where + ": " + consecutive
                    + " optimizer steps in a row had NaN/Inf gradients (" + skipped
                    + " skipped in total); check the labels and the learning rate");
        }
        return false;
    }

    public long skipped() {
        return skipped;
    }

    /** Training stopped because the gradients stayed non-finite. */
    public static final class NonFiniteTrainingException extends IllegalStateException {
        public NonFiniteTrainingException(String message) {
            super(message);
        }
    }
}
