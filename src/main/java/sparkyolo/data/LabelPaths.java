package sparkyolo.data;

/**
 * The original's {@code img2label_paths()} rule on plain strings, so that it applies unchanged to
 * local paths and to {@code hdfs://} or {@code s3a://} URIs: the last {@code /images/} becomes
 * {@code /labels/} and the extension becomes {@code .txt}.
 */
public final class LabelPaths {
    private static final String IMAGES = "/images/";
    private static final String LABELS = "/labels/";

    private LabelPaths() {
    }

    public static String labelPathFor(String imagePath) {
        String path = imagePath;
        int images = path.lastIndexOf(IMAGES);
        if (images >= 0) {
            path = path.substring(0, images) + LABELS + path.substring(images + IMAGES.length());
        }
        // The original cuts at the last '.' anywhere; image files always have an extension, and
        // looking only in the file name keeps a dotted directory intact when one has none.
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/')) {
            path = path.substring(0, dot);
        }
        return path + ".txt";
    }
}
