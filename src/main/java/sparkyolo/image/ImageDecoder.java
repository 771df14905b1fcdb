package sparkyolo.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.image.BadImageException.Reason;

/** Decodes image file bytes the way the original's {@code cv2.imread(path)} reads a file. */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    /**
     * A BGR {@code CV_8UC3} image (grey and 16-bit images are converted, EXIF orientation is applied,
     * as by {@code imread} with {@code IMREAD_COLOR}). The caller owns the returned Mat.
     *
     * @param name the file name or URI, used in error messages only
     * @see ImageIntegrity#check for the real format of the bytes
     */
    public static Mat decode(byte[] bytes, String name) throws BadImageException {
        ImageIntegrity.check(bytes, name);
        OpenCv.ensureLoaded();
        MatOfByte encoded = new MatOfByte(bytes);
        Mat image;
        try {
            image = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
        } finally {
            encoded.release();
        }
        if (image.empty() || image.type() != CvType.CV_8UC3) {
            image.release();
            throw new BadImageException(name, Reason.UNDECODABLE);
        }
        return image;
    }
}
