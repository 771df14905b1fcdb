package sparkyolo.prep;

import java.io.Serializable;
import java.util.List;

/**
 * A parsed Pascal VOC annotation file, or why it could not be parsed.
 *
 * @param width    {@code size/width}, or 0 when absent
 * @param height   {@code size/height}, or 0 when absent
 * @param problems objects that were left out because they are malformed
 * @param error    why the whole file is unusable, or null
 */
record VocAnnotation(String path, int width, int height, List<VocObject> objects, List<String> problems, String error)
        implements Serializable {
    /**
     * One {@code <object>}, its box as written: 1-based inclusive pixel indices.
     *
     * @param number 1-based position among the file's objects, named in issues
     */
    record VocObject(int number, String name, boolean difficult, double xmin, double ymin, double xmax, double ymax)
            implements Serializable {
    }

    static VocAnnotation failed(String path, String error) {
        return new VocAnnotation(path, 0, 0, List.of(), List.of(), error);
    }
}
