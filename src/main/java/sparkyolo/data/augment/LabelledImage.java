package sparkyolo.data.augment;

import org.opencv.core.Mat;

/**
 * An image during augmentation with its labels in pixels.
 *
 * @param image  BGR uint8; each step that makes a new Mat releases the one it was given
 * @param labels rows {@code [cls, x1, y1, x2, y2]} in pixels of {@code image}
 * @param name   the image the sample is named after (the first of a mosaic)
 */
record LabelledImage(Mat image, double[][] labels, String name) {
}
