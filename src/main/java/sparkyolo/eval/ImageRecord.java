package sparkyolo.eval;

import java.io.Serializable;
import java.util.List;

/**
 * One image of a labelled dataset as found by a scan: its size and labels, the label lines that
 * were skipped, or why the whole image was skipped.
 *
 * @param labels rows {@code [cls, cx, cy, w, h]} normalized
 */
public record ImageRecord(int index, String path, int height, int width, float[][] labels, List<String> problems,
        String error) implements Serializable {
    public boolean ok() {
        return error == null;
    }
}
