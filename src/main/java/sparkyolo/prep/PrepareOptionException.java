package sparkyolo.prep;

/** An invalid {@code prepare} option; {@link #option()} is its command-line name, e.g. {@code --max-side}. */
public final class PrepareOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String option;

    public PrepareOptionException(String option, String problem) {
        super(option + ": " + problem);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
