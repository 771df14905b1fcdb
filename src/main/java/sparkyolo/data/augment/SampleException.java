package sparkyolo.data.augment;

/** Making a sample failed; names the image (the cause may name a mosaic partner that failed). */
public final class SampleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String imageName;

    SampleException(int epoch, int index, String imageName, Throwable cause) {
        super("epoch " + epoch + ", image " + index + " (" + imageName + "): " + cause.getMessage(), cause);
        this.imageName = imageName;
    }

    public String imageName() {
        return imageName;
    }
}
