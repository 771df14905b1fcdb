package sparkyolo.data.augment;

import org.opencv.core.Mat;

/**
 * One training (or validation-like) sample.
 *
 * @param index  the dataset index asked for
 * @param name   the image it shows (for a mosaic, the image at {@code index}; a replacement's name
 *               when that image was bad)
 * @param image  BGR uint8, img_size × img_size; owned by the receiver, see {@link #release()}
 * @param labels rows {@code [cls, cx, cy, w, h]} normalized to {@code image}
 */
public record Sample(int index, String name, Mat image, float[][] labels) {
    public void release() {
        image.release();
    }
}
