package sparkyolo.train;

/**
 * Training stopped because the user asked (Ctrl-C, SIGTERM, a cancelled job group): names where it
 * stopped and the checkpoint that continues it, if one was saved.
 */
public final class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String resumeFrom;

    /** @param resumeFrom the last checkpoint that {@code --resume} continues from, or null */
    TrainingInterruptedException(String message, String resumeFrom) {
        super(message);
        this.resumeFrom = resumeFrom;
    }

    /** The checkpoint that {@code --resume} continues from, or null when nothing was saved. */
    public String resumeFrom() {
        return resumeFrom;
    }
}
