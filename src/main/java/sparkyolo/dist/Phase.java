package sparkyolo.dist;

/** The two block exchanges of an optimizer step. */
public enum Phase {
    REDUCE_SCATTER("reduce-scatter", "g"),
    ALL_GATHER("all-gather", "w");

    private final String label;
    private final String tag;

    Phase(String label, String tag) {
        this.label = label;
        this.tag = tag;
    }

    /** The short tag in block names. */
    String tag() {
        return tag;
    }

    @Override
    public String toString() {
        return label;
    }
}
