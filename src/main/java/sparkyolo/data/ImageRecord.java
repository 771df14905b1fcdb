package sparkyolo.data;

import java.io.Serializable;
import java.util.List;

/**
 * One image of a labelled dataset as found by a scan: where it is, its size and labels, the label
 * lines that were skipped, or why the whole image was skipped.
 *
 * @param labels    rows {@code [cls, cx, cy, w, h]} normalized
 * @param labelFile whether the label file was missing, and its class ids beyond nc
 */
public record ImageRecord(int index, ImageRef image, int height, int width, float[][] labels, List<String> problems,
        String error, LabelFileInfo labelFile) implements Serializable {
    /** An image whose label file was found with every class below nc. */
    public ImageRecord(int index, ImageRef image, int height, int width, float[][] labels, List<String> problems,
            String error) {
        this(index, image, height, width, labels, problems, error, LabelFileInfo.FOUND);
    }

    /** An image file whose label file was found with every class below nc. */
    public ImageRecord(int index, String path, int height, int width, float[][] labels, List<String> problems,
            String error) {
        this(index, ImageRef.file(path), height, width, labels, problems, error);
    }

    /** The image's path (for a Parquet row, the file it was prepared from). */
    public String path() {
        return image.name();
    }

    public boolean ok() {
        return error == null;
    }
}
