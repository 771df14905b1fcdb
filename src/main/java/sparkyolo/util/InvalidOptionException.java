package sparkyolo.util;

/**
 * A setting whose value cannot be used, named as the command line spells it
 * ({@code --batch-size must be at least 1, got 0}), so the user knows which flag to change.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String option;

    public InvalidOptionException(String option, String problem) {
        super(option + " " + problem);
        this.option = option;
    }

    /** The option as the command line spells it, e.g. {@code --batch-size}. */
    public String option() {
        return option;
    }

    /** Fails naming {@code option} unless {@code value >= min}. */
    public static void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw new InvalidOptionException(option, (min == 0 ? "must not be negative" : "must be at least " + min)
                    + ", got " + value);
        }
    }
}
