package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import sparkyolo.data.PreparedSchema;
import sparkyolo.image.ExifJpeg;
import sparkyolo.image.ImageDecoder;
import sparkyolo.testing.TestSpark;

/**
 * A COCO instances JSON in the format's real structure (info, licenses, images, annotations,
 * categories; non-contiguous category ids listed out of order; crowd, unknown-category, empty
 * and overshooting boxes) over three coco128 images, plus two EXIF-rotated ones.
 */
class PrepareCocoTest {
    @TempDir
    static Path tmp;
    static Path images;
    static PrepareSummary summary;

    static final String JSON = """
            {
              "info": {"description": "prepare test", "version": "1.0", "year": 2017},
              "licenses": [{"id": 1, "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}],
              "images": [
                {"id": 9, "file_name": "000000000009.jpg", "width": 640, "height": 480, "license": 1},
                {"id": 25, "file_name": "000000000025.jpg", "width": 640, "height": 426, "license": 1},
                {"id": 30, "file_name": "000000000030.jpg", "width": 640, "height": 428, "license": 1},
                {"id": 77, "file_name": "missing.jpg", "width": 640, "height": 480, "license": 1},
                {"id": 900, "file_name": "rotated_stored.jpg", "width": 640, "height": 480, "license": 1},
                {"id": 901, "file_name": "rotated_upright.jpg", "width": 480, "height": 640, "license": 1}
              ],
              "annotations": [
                {"id": 1, "image_id": 9, "category_id": 7, "bbox": [10.0, 20.0, 100.0, 50.0], "area": 5000.0,
                 "iscrowd": 0, "segmentation": [[10.0, 20.0, 110.0, 20.0, 110.0, 70.0]]},
                {"id": 2, "image_id": 9, "category_id": 1, "bbox": [320.0, 240.0, 64.0, 48.0], "area": 3072.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 3, "image_id": 25, "category_id": 3, "bbox": [0.0, 0.0, 320.0, 213.0], "area": 68160.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 4, "image_id": 25, "category_id": 1, "bbox": [5.0, 5.0, 50.0, 50.0], "area": 2500.0,
                 "iscrowd": 1, "segmentation": {"counts": [0, 5], "size": [426, 640]}},
                {"id": 5, "image_id": 25, "category_id": 99, "bbox": [5.0, 5.0, 50.0, 50.0], "area": 2500.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 6, "image_id": 25, "category_id": 3, "bbox": [5.0, 5.0, 0.0, 50.0], "area": 0.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 7, "image_id": 25, "category_id": 7, "bbox": [600.0, 400.0, 80.0, 40.0], "area": 3200.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 8, "image_id": 555, "category_id": 1, "bbox": [1.0, 1.0, 2.0, 2.0], "area": 4.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 9, "image_id": 900, "category_id": 1, "bbox": [100.0, 50.0, 200.0, 100.0], "area": 20000.0,
                 "iscrowd": 0, "segmentation": []},
                {"id": 10, "image_id": 901, "category_id": 1, "bbox": [100.0, 50.0, 200.0, 100.0], "area": 20000.0,
                 "iscrowd": 0, "segmentation": []}
              ],
              "categories": [
                {"supercategory": "animal", "id": 7, "name": "dog"},
                {"supercategory": "person", "id": 1, "name": "person"},
                {"supercategory": "vehicle", "id": 3, "name": "car"}
              ]
            }
            """;

    @BeforeAll
    static void prepare() throws Exception {
        images = tmp.resolve("coco/images");
        for (String stem : List.of("000000000009", "000000000025", "000000000030")) {
            TestImageFiles.write(images.resolve(stem + ".jpg"), TestImageFiles.coco(stem));
        }
        // 000000000009 is 640x480 as stored; orientation 6 shows it upright as 480x640.
        byte[] rotated = ExifJpeg.withOrientation(TestImageFiles.coco("000000000009"), 6);
        TestImageFiles.write(images.resolve("rotated_stored.jpg"), rotated);
        byte[] rotatedCopy = java.util.Arrays.copyOf(rotated, rotated.length + 1); // other bytes, same picture
        TestImageFiles.write(images.resolve("rotated_upright.jpg"), rotatedCopy);
        TestImageFiles.write(images.resolve("unlisted.jpg"), TestImageFiles.coco("000000000034"));
        Path json = TestImageFiles.write(tmp.resolve("coco/annotations/instances_train2017.json"), JSON);
        PrepareOptions o = PrepareOptions.builder(SourceFormat.COCO, json.toString(), tmp.resolve("out").toString())
                .images(images.toString()).build();
        summary = PrepareJob.run(TestSpark.session(), o);
    }

    private static Row row(String file) {
        return PreparedOutput.read(summary.output() + "/train").row(TestImageFiles.uri(images.resolve(file)));
    }

    private static void assertBoxes(float[][] expected, Row r) {
        float[][] actual = PreparedOutput.boxes(r);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-6f, "box " + i);
        }
    }

    @Test
    void categoryIdsBecomeClassesInAscendingIdOrder() {
        assertEquals(List.of("person", "car", "dog"), summary.names());
    }

    @Test
    void pixelBoxesAreNormalizedCentres() {
        Row r = row("000000000009.jpg");
        assertEquals("9", r.getAs(PreparedSchema.IMAGE_ID));
        assertBoxes(new float[][] {
            {2, 60f / 640, 45f / 480, 100f / 640, 50f / 480},
            {0, 352f / 640, 264f / 480, 64f / 640, 48f / 480}}, r);
    }

    @Test
    void badAnnotationsAreLeftOutWithTheirReason() {
        String image25 = TestImageFiles.uri(images.resolve("000000000025.jpg"));
        assertTrue(summary.issues(IssueReason.CROWD_ANNOTATION).stream()
                .anyMatch(i -> i.path().equals(image25) && i.detail().startsWith("annotation 4")));
        assertTrue(summary.issues(IssueReason.CLASS_OUT_OF_RANGE).stream()
                .anyMatch(i -> i.path().equals(image25) && i.detail().contains("category_id 99")));
        assertTrue(summary.issues(IssueReason.NON_POSITIVE_SIZE).stream()
                .anyMatch(i -> i.path().equals(image25) && i.detail().startsWith("annotation 6")));
        assertTrue(summary.issues(IssueReason.BOX_CLIPPED).stream()
                .anyMatch(i -> i.path().equals(image25) && i.detail().startsWith("annotation 7")));
        // The overshooting dog box is clipped to x 600..640, y 400..426.
        assertBoxes(new float[][] {
            {1, 160f / 640, 106.5f / 426, 320f / 640, 213f / 426},
            {2, 620f / 640, 413f / 426, 40f / 640, 26f / 426}}, row("000000000025.jpg"));
    }

    @Test
    void anImageWithoutAnnotationsIsABackgroundImage() {
        assertEquals(0, PreparedOutput.boxes(row("000000000030.jpg")).length);
    }

    @Test
    void strayEntriesAndFilesAreReported() {
        assertTrue(summary.issues(IssueReason.LABEL_WITHOUT_IMAGE).get(0).path().endsWith("/missing.jpg"));
        assertTrue(summary.issues(IssueReason.BAD_ANNOTATION).get(0).detail().contains("image_id 555"));
        assertEquals(TestImageFiles.uri(images.resolve("unlisted.jpg")), summary.issues(IssueReason.UNLISTED_IMAGE).get(0).path());
        assertEquals(Map.of("train", 5), summary.imagesPerSplit());
    }

    @Test
    void reportsExactlyTheSeededProblems() {
        assertEquals(Map.of(IssueReason.CROWD_ANNOTATION, 1, IssueReason.CLASS_OUT_OF_RANGE, 1,
                IssueReason.NON_POSITIVE_SIZE, 1, IssueReason.BOX_CLIPPED, 1, IssueReason.LABEL_WITHOUT_IMAGE, 1,
                IssueReason.BAD_ANNOTATION, 1, IssueReason.UNLISTED_IMAGE, 1, IssueReason.EXIF_ORIENTATION_APPLIED, 2),
                summary.issueCounts());
    }

    /**
     * OpenCV turns an EXIF-oriented JPEG upright at decode. COCO boxes on the stored grid (the
     * annotation states the stored 640x480) turn with it; boxes stated for the upright 480x640
     * image stay as they are. Either way the written image is upright, with no EXIF left.
     */
    @Test
    void exifOrientedImagesAreWrittenUprightWithBoxesThatFollow() throws Exception {
        Row stored = row("rotated_stored.jpg");
        assertEquals(480, (int) stored.getAs(PreparedSchema.WIDTH));
        assertEquals(640, (int) stored.getAs(PreparedSchema.HEIGHT));
        // Stored box centre (200, 100) of 640x480; rotating 90° clockwise sends (x, y) to (480 - y, x).
        assertBoxes(new float[][] {{0, 380f / 480, 200f / 640, 100f / 480, 200f / 640}}, stored);
        assertBoxes(new float[][] {{0, 200f / 480, 100f / 640, 200f / 480, 100f / 640}}, row("rotated_upright.jpg"));

        byte[] written = stored.getAs(PreparedSchema.IMAGE);
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(written));
        Mat expected = ImageDecoder.decode(ExifJpeg.withOrientation(TestImageFiles.coco("000000000009"), 6), "rotated");
        Mat actual = ImageDecoder.decode(written, "written");
        Mat diff = new Mat();
        Core.absdiff(expected, actual, diff);
        assertTrue(Core.mean(diff).val[0] < 3, "re-encoded pixels match the upright image, mean diff " + Core.mean(diff).val[0]);
        assertEquals(2, summary.issues(IssueReason.EXIF_ORIENTATION_APPLIED).size());
    }
}
