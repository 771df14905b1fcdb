package sparkyolo.image;

/** An image file that cannot be used: empty, of an unknown format, truncated or undecodable. */
public final class BadImageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a file was rejected. */
    public enum Reason {
        EMPTY("empty file (0 bytes)"),
        UNKNOWN_FORMAT("unknown image format (not JPEG, PNG, BMP, WebP or TIFF by its magic bytes)"),
        TRUNCATED_JPEG("truncated JPEG: no end-of-image marker FFD9 near the end of the file"),
        TRUNCATED_PNG("truncated PNG: no IEND chunk near the end of the file"),
        UNDECODABLE("the decoder returned no image");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String fileName;
    private final Reason reason;

    public BadImageException(String fileName, Reason reason) {
        super(fileName + ": " + reason.description());
        this.fileName = fileName;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    public Reason reason() {
        return reason;
    }
}
