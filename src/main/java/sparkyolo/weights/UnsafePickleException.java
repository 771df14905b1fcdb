package sparkyolo.weights;

import java.io.IOException;

/**
 * A pickle asked for something the restricted unpickler never does: a global outside the
 * checkpoint whitelist (for example {@code os.system}) or an opcode that instantiates classes
 * by name. Loading stops at that point, before anything later in the stream is read.
 */
public final class UnsafePickleException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String refused;

    /**
     * @param file display name of the file being read
     * @param refused what was refused, e.g. {@code global 'os.system'}
     * @param reason why it is refused
     */
    public UnsafePickleException(String file, String refused, String reason) {
        super(file + ": refused to load pickle " + refused + " (" + reason + ")");
        this.refused = refused;
    }

    /** What was refused, e.g. {@code global 'os.system'} or {@code opcode INST}. */
    public String refused() {
        return refused;
    }
}
