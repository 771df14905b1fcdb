package sparkyolo.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import sparkyolo.image.BadImageException.Reason;

class ImageDecoderTest {
    @TempDir
    Path tmp;

    @Test
    void decodesCoco128JpegExactlyLikeCv2Imread() throws Exception {
        byte[] expected = TestImages.letterboxFixture().get("orig_bgr").toBytes();
        Mat image = ImageDecoder.decode(TestImages.coco128Bytes(TestImages.COCO9), TestImages.COCO9);
        assertEquals(CvType.CV_8UC3, image.type());
        assertEquals(480, image.rows());
        assertEquals(640, image.cols());
        assertEquals(0, TestImages.maxDiff(expected, TestImages.bytes(image)), "max pixel difference");
    }

    @Test
    void acceptsEveryCoco128Image() throws Exception {
        Path dir = TestImages.coco128Image(TestImages.COCO9).getParent();
        // Skips the .DS_Store that coco128 ships.
        try (Stream<Path> files = Files.list(dir).filter(f -> f.toString().endsWith(".jpg"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                byte[] bytes = Files.readAllBytes(file);
                assertEquals(ImageFormat.JPEG, ImageIntegrity.check(bytes, file.toString()));
                ImageDecoder.decode(bytes, file.toString()).release();
            }
        }
    }

    /** imread applies EXIF orientation; decode must too (orientation 6 = rotate 90 degrees clockwise). */
    @Test
    void appliesExifOrientationLikeImread() throws Exception {
        Mat leftRed = TestImages.solid(20, 40, 0, 0, 0);
        leftRed.submat(0, 20, 0, 20).setTo(new Scalar(0, 0, 255));
        byte[] jpeg = ExifJpeg.withOrientation(TestImages.encode(leftRed, ".jpg"), 6);
        Path file = Files.write(tmp.resolve("rotated.jpg"), jpeg);

        Mat decoded = ImageDecoder.decode(jpeg, file.toString());
        Mat imread = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        assertEquals(40, decoded.rows());
        assertEquals(20, decoded.cols());
        assertArrayEquals(TestImages.bytes(imread), TestImages.bytes(decoded));
        assertTrue(decoded.get(0, 0)[2] > 200, "the former left side is now on top");
        assertTrue(decoded.get(39, 0)[2] < 50);
    }

    @Test
    void rejectsATruncatedJpeg() throws IOException {
        byte[] full = TestImages.coco128Bytes(TestImages.COCO9);
        Path half = Files.write(tmp.resolve("half.jpg"), Arrays.copyOf(full, full.length / 2));
        assertRejected(half, Reason.TRUNCATED_JPEG);
    }

    @Test
    void acceptsPaddingAfterTheJpegEndMarker() throws Exception {
        byte[] full = TestImages.coco128Bytes(TestImages.COCO9);
        byte[] padded = Arrays.copyOf(full, full.length + 512);
        Arrays.fill(padded, full.length + 256, padded.length, (byte) 0x5a); // zeros, then garbage
        Mat image = ImageDecoder.decode(padded, "padded.jpg");
        byte[] expected = TestImages.letterboxFixture().get("orig_bgr").toBytes();
        assertEquals(0, TestImages.maxDiff(expected, TestImages.bytes(image)));
    }

    @Test
    void rejectsAJpegWhoseEndMarkerIsFarFromTheEnd() throws IOException {
        byte[] full = TestImages.coco128Bytes(TestImages.COCO9);
        Path trailer = Files.write(tmp.resolve("trailer.jpg"),
                Arrays.copyOf(full, full.length + ImageIntegrity.TAIL_WINDOW + 1));
        assertRejected(trailer, Reason.TRUNCATED_JPEG);
    }

    @Test
    void rejectsAZeroByteFile() throws IOException {
        assertRejected(Files.write(tmp.resolve("empty.jpg"), new byte[0]), Reason.EMPTY);
    }

    @Test
    void rejectsATextFileNamedJpg() throws IOException {
        Path text = Files.write(tmp.resolve("notes.jpg"), "not an image\n".getBytes(StandardCharsets.UTF_8));
        assertRejected(text, Reason.UNKNOWN_FORMAT);
    }

    @Test
    void decodesAPngNamedJpgAndReportsItAsPng() throws Exception {
        Mat orig = TestImages.mat(TestImages.letterboxFixture().get("orig_bgr"));
        Path file = Files.write(tmp.resolve("really_a_png.jpg"), TestImages.encode(orig, ".png"));
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(ImageFormat.PNG, ImageIntegrity.check(bytes, file.toString()));
        Mat decoded = ImageDecoder.decode(bytes, file.toString());
        assertArrayEquals(TestImages.bytes(orig), TestImages.bytes(decoded));
    }

    @Test
    void rejectsAPngWithoutIend() throws IOException {
        byte[] png = TestImages.encode(TestImages.solid(30, 30, 1, 2, 3), ".png");
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length - 12));
        assertRejected(cut, Reason.TRUNCATED_PNG);
    }

    @Test
    void rejectsBytesTheDecoderCannotRead() {
        byte[] fake = new byte[64];
        fake[0] = (byte) 0xff;
        fake[1] = (byte) 0xd8;
        fake[2] = (byte) 0xff;
        fake[62] = (byte) 0xff;
        fake[63] = (byte) 0xd9;
        BadImageException e = assertThrows(BadImageException.class, () -> ImageDecoder.decode(fake, "fake.jpg"));
        assertEquals(Reason.UNDECODABLE, e.reason());
    }

    @Test
    void sniffsEveryAcceptedFormatByContent() throws Exception {
        Mat image = TestImages.solid(16, 24, 5, 6, 7);
        String[][] cases = {{".jpg", "JPEG"}, {".png", "PNG"}, {".bmp", "BMP"}, {".webp", "WEBP"}, {".tiff", "TIFF"}};
        for (String[] c : cases) {
            byte[] bytes = TestImages.encode(image, c[0]);
            assertEquals(ImageFormat.valueOf(c[1]), ImageFormat.sniff(bytes).orElseThrow(), c[0]);
            Mat decoded = ImageDecoder.decode(bytes, "image" + c[0]);
            assertEquals(16, decoded.rows(), c[0]);
            assertEquals(24, decoded.cols(), c[0]);
        }
        assertTrue(ImageFormat.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }

    private static void assertRejected(Path file, Reason reason) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        BadImageException e = assertThrows(BadImageException.class, () -> ImageDecoder.decode(bytes, file.toString()));
        assertEquals(reason, e.reason());
        assertEquals(file.toString(), e.fileName());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(reason.description()),
                e.getMessage());
    }
}
