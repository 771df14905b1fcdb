package sparkyolo.data.augment;

import org.opencv.core.Mat;

/**
 * One dataset image as the original's {@code load_image()} returns it: resized so that its longer
 * side is the image size.
 *
 * @param index  the dataset index actually read (differs from the one asked for when that one was bad)
 * @param image  BGR uint8, owned by the receiver
 * @param labels rows {@code [cls, cx, cy, w, h]} normalized, read-only
 */
record LoadedImage(int index, String name, Mat image, float[][] labels) {
}
