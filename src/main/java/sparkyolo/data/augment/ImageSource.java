package sparkyolo.data.augment;

import java.io.IOException;

/**
 * The images of a training split, by dataset index {@code 0 .. size()-1}: encoded file bytes, a
 * name for messages and the image's labels. Implementations must be safe for concurrent use,
 * since the {@link BatchLoader} threads read in parallel.
 */
public interface ImageSource {
    int size();

    /** The image's path or other name, used in messages and batch reports. */
    String name(int index);

    /** Rows {@code [cls, cx, cy, w, h]} normalized to the image; empty for a background image. Read-only. */
    float[][] labels(int index);

    /** The encoded image file (JPEG, PNG, ...). */
    byte[] bytes(int index) throws IOException;
}
