package sparkyolo.prep;

import java.io.Serializable;

/**
 * A box in the pixel grid of the image as stored (0-based, continuous: the left edge of the image is
 * x = 0, its right edge x = width), with the source's class index.
 *
 * @param ref names the box in issues, e.g. "annotation 1234" or "object 2"
 */
public record PixelBox(int cls, double x0, double y0, double x1, double y1, String ref) implements Serializable {
}
