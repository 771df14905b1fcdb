package sparkyolo.prep;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.image.ImageFormat;
import sparkyolo.image.ImageResize;

/** Shrinking and re-encoding of images that {@code prepare} changes. */
final class ImageEncoding {
    private ImageEncoding() {
    }

    /**
     * The image shrunk so that its longer side is {@code maxSide} (aspect kept, INTER_AREA as the
     * original's load_image shrinks), or the image itself when it is not larger or maxSide is 0.
     */
    static Mat shrink(Mat image, int maxSide) {
        if (maxSide <= 0 || Math.max(image.rows(), image.cols()) <= maxSide) {
            return image;
        }
        return ImageResize.loadImageResize(image, maxSide, false).image();
    }

    /** PNG stays PNG (lossless); everything else is written as JPEG. */
    static ImageFormat outputFormat(ImageFormat source) {
        return source == ImageFormat.PNG ? ImageFormat.PNG : ImageFormat.JPEG;
    }

    static byte[] encode(Mat image, ImageFormat format, int jpegQuality) {
        MatOfByte buf = new MatOfByte();
        MatOfInt params = format == ImageFormat.JPEG
                ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality) : new MatOfInt();
        try {
            if (!Imgcodecs.imencode(format == ImageFormat.PNG ? ".png" : ".jpg", image, buf, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                        + " image as " + format);
            }
            return buf.toArray();
        } finally {
            buf.release();
            params.release();
        }
    }
}
