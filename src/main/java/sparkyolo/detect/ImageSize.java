package sparkyolo.detect;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.util.InvalidOptionException;

/**
 * Validates an inference size ({@code --img}, {@code imgSize}) as the original's check_img_size:
 * positive, rounded up to a stride multiple.
 */
public final class ImageSize {
    private static final Logger LOG = LogManager.getLogger(ImageSize.class);

    private ImageSize() {
    }

    public static int check(int img, int stride) {
        if (img <= 0 || img > 8192) {
            throw new InvalidOptionException("--img", "must be between 1 and 8192 pixels, got " + img);
        }
        int size = Math.max((int) Math.ceil(img / (double) stride) * stride, stride);
        if (size != img) {
            LOG.warn("image size (--img) {} must be a multiple of max stride {}, using {}", img, stride, size);
        }
        return size;
    }
}
