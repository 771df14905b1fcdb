package sparkyolo.prep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;
import sparkyolo.testing.SharedFixtures;

/** coco128 images and files made from them for the prepare tests. */
final class TestImageFiles {
    private TestImageFiles() {
    }

    static byte[] coco(String stem) throws IOException {
        return Files.readAllBytes(SharedFixtures.coco128().resolve("images/train2017/" + stem + ".jpg"));
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** A coco128 image re-encoded in another format, e.g. ".png". */
    static byte[] reencoded(String stem, String extension) throws Exception {
        Mat image = ImageDecoder.decode(coco(stem), stem);
        try {
            return encode(image, extension);
        } finally {
            image.release();
        }
    }

    static byte[] encode(Mat image, String extension) {
        OpenCv.ensureLoaded();
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(extension, image, buf);
        byte[] out = buf.toArray();
        buf.release();
        return out;
    }

    /** The qualified URI string a prepared row names its source by. */
    static String uri(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}
