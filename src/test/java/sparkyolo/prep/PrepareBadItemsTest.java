package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import sparkyolo.data.PreparedSchema;
import sparkyolo.image.ExifJpeg;
import sparkyolo.image.OpenCv;
import sparkyolo.testing.TestSpark;

/**
 * A YOLO dataset seeded with one bad item of each kind: the job finishes, the report names each
 * with its reason, and every good image is in the Parquet output with the labels that survive.
 * Tests run as root, where {@code chmod 000} does not stop reading, so the unreadable directory is
 * a split entry that exists as a plain file where a directory is expected.
 */
class PrepareBadItemsTest {
    @TempDir
    static Path tmp;
    static Path root;
    static PrepareSummary summary;

    @BeforeAll
    static void prepare() throws Exception {
        root = tmp.resolve("bad");
        TestImageFiles.write(root.resolve("data.yaml"), """
                path: .
                train: images/train
                val: images/val
                test: images/test
                names: [a, b, c]
                """);
        train("good1", TestImageFiles.coco("000000000009"), "0 0.5 0.5 0.2 0.2\n1 0.3 0.3 0.1 0.1\n");
        train("good1_copy", TestImageFiles.coco("000000000009"), "0 0.5 0.5 0.2 0.2\n");
        train("dupline", TestImageFiles.coco("000000000025"), "2 0.4 0.4 0.2 0.3\n2 0.4 0.4 0.2 0.3\n");
        train("badclass", TestImageFiles.coco("000000000030"), "0 0.5 0.5 0.1 0.1\n5 0.5 0.5 0.1 0.1\n");
        train("bigcoord", TestImageFiles.coco("000000000034"), "1 1.2 0.5 0.1 0.1\n1 0.5 0.5 0.2 0.2\n");
        train("negsize", TestImageFiles.coco("000000000036"), "0 0.5 0.5 -0.1 0.2\n0 0.5 0.5 0.1 0.2\n");
        byte[] full = TestImageFiles.coco("000000000042");
        train("truncated", Arrays.copyOf(full, full.length / 2), "0 0.5 0.5 0.1 0.1\n");
        train("png", TestImageFiles.reencoded("000000000049", ".png"), "0 0.5 0.5 0.5 0.5\n");
        train("empty", new byte[0], "0 0.5 0.5 0.1 0.1\n");
        TestImageFiles.write(root.resolve("images/train/nolabel.jpg"), TestImageFiles.coco("000000000061"));
        train("rotated", ExifJpeg.withOrientation(TestImageFiles.coco("000000000064"), 6), "0 0.25 0.5 0.1 0.2\n");
        TestImageFiles.write(root.resolve("labels/train/orphan.txt"), "0 0.5 0.5 0.1 0.1\n");
        val("val1", TestImageFiles.coco("000000000071"), "1 0.5 0.5 0.3 0.3\n");
        val("tiny", tinyPng(), "0 0.5 0.5 0.5 0.5\n");
        TestImageFiles.write(root.resolve("images/test"), "a file where the test split's directory should be\n");

        PrepareOptions o = PrepareOptions.builder(SourceFormat.YOLO, root.resolve("data.yaml").toString(),
                tmp.resolve("out").toString()).build();
        summary = PrepareJob.run(TestSpark.session(), o);
    }

    private static void train(String stem, byte[] image, String labels) throws Exception {
        TestImageFiles.write(root.resolve("images/train/" + stem + ".jpg"), image);
        TestImageFiles.write(root.resolve("labels/train/" + stem + ".txt"), labels);
    }

    private static void val(String stem, byte[] image, String labels) throws Exception {
        String ext = stem.equals("tiny") ? ".png" : ".jpg";
        TestImageFiles.write(root.resolve("images/val/" + stem + ext), image);
        TestImageFiles.write(root.resolve("labels/val/" + stem + ".txt"), labels);
    }

    private static byte[] tinyPng() {
        OpenCv.ensureLoaded();
        Mat m = new Mat(8, 8, CvType.CV_8UC3, new Scalar(10, 20, 30));
        return TestImageFiles.encode(m, ".png");
    }

    private static String image(String split, String name) {
        return TestImageFiles.uri(root.resolve("images/" + split + "/" + name));
    }

    private static String label(String split, String stem) {
        return TestImageFiles.uri(root.resolve("labels/" + split + "/" + stem + ".txt"));
    }

    private static void assertIssue(IssueReason reason, String path, int line) {
        List<Issue> found = summary.issues(reason);
        assertTrue(found.stream().anyMatch(i -> i.path().equals(path) && i.line() == line),
                reason + " for " + path + ":" + line + "; found " + found);
    }

    @Test
    void everyGoodImageIsWritten() {
        PreparedOutput train = PreparedOutput.read(summary.output() + "/train");
        Set<String> expected = new TreeSet<>();
        for (String stem : List.of("badclass", "bigcoord", "dupline", "good1", "negsize", "nolabel", "png", "rotated")) {
            expected.add(image("train", stem + ".jpg"));
        }
        assertEquals(expected, train.byPath().keySet());
        assertEquals(Set.of(image("val", "val1.jpg")), PreparedOutput.read(summary.output() + "/val").byPath().keySet());
        assertEquals(Map.of("train", 8, "val", 1), summary.imagesPerSplit());
        assertEquals(13, summary.sourceImages());
        assertEquals(4, summary.rejectedImages());
    }

    @Test
    void badImagesAreRejectedWithTheirReason() {
        assertIssue(IssueReason.TRUNCATED_JPEG, image("train", "truncated.jpg"), 0);
        assertIssue(IssueReason.EMPTY_FILE, image("train", "empty.jpg"), 0);
        assertIssue(IssueReason.DUPLICATE_IMAGE, image("train", "good1_copy.jpg"), 0);
        assertIssue(IssueReason.TOO_SMALL, image("val", "tiny.png"), 0);
        assertTrue(summary.issues(IssueReason.DUPLICATE_IMAGE).get(0).detail().contains("good1.jpg, which is kept"));
    }

    @Test
    void badLabelLinesAreRemovedWithTheirReasonAndTheRestKept() {
        assertIssue(IssueReason.CLASS_OUT_OF_RANGE, label("train", "badclass"), 2);
        assertIssue(IssueReason.COORDINATE_OUT_OF_RANGE, label("train", "bigcoord"), 1);
        assertIssue(IssueReason.NON_POSITIVE_SIZE, label("train", "negsize"), 1);
        assertIssue(IssueReason.DUPLICATE_LABEL, label("train", "dupline"), 2);
        PreparedOutput train = PreparedOutput.read(summary.output() + "/train");
        assertBoxes(train, "badclass", new float[][] {{0, 0.5f, 0.5f, 0.1f, 0.1f}});
        assertBoxes(train, "bigcoord", new float[][] {{1, 0.5f, 0.5f, 0.2f, 0.2f}});
        assertBoxes(train, "negsize", new float[][] {{0, 0.5f, 0.5f, 0.1f, 0.2f}});
        assertBoxes(train, "dupline", new float[][] {{2, 0.4f, 0.4f, 0.2f, 0.3f}});
        assertBoxes(train, "good1", new float[][] {{0, 0.5f, 0.5f, 0.2f, 0.2f}, {1, 0.3f, 0.3f, 0.1f, 0.1f}});
    }

    @Test
    void missingLabelFileMeansABackgroundImage() {
        assertIssue(IssueReason.MISSING_LABEL_FILE, image("train", "nolabel.jpg"), 0);
        Row r = PreparedOutput.read(summary.output() + "/train").row(image("train", "nolabel.jpg"));
        assertEquals(0, PreparedOutput.boxes(r).length);
        assertEquals(1, summary.backgroundImages());
    }

    @Test
    void aPngNamedJpgIsKeptAsPng() {
        assertIssue(IssueReason.FORMAT_MISMATCH, image("train", "png.jpg"), 0);
        Row r = PreparedOutput.read(summary.output() + "/train").row(image("train", "png.jpg"));
        assertEquals("png", r.getAs(PreparedSchema.FORMAT));
    }

    @Test
    void exifOrientationTurnsTheImageButNotYoloLabels() throws Exception {
        assertIssue(IssueReason.EXIF_ORIENTATION_APPLIED, image("train", "rotated.jpg"), 0);
        Row r = PreparedOutput.read(summary.output() + "/train").row(image("train", "rotated.jpg"));
        assertEquals(640, (int) r.getAs(PreparedSchema.WIDTH), "the 480x640 original turned a quarter");
        assertEquals(480, (int) r.getAs(PreparedSchema.HEIGHT));
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(r.getAs(PreparedSchema.IMAGE)), "no EXIF left");
        assertBoxes(PreparedOutput.read(summary.output() + "/train"), "rotated", new float[][] {{0, 0.25f, 0.5f, 0.1f, 0.2f}});
    }

    @Test
    void strayLabelsAndUnreadableDirectoriesAreReported() {
        assertIssue(IssueReason.LABEL_WITHOUT_IMAGE, label("train", "orphan"), 0);
        assertEquals(1, summary.issues(IssueReason.UNREADABLE_DIRECTORY).size());
        assertTrue(summary.issues(IssueReason.UNREADABLE_DIRECTORY).get(0).path().endsWith("/images/test"));
        assertEquals(Set.of("train", "val"), summary.filesPerSplit().keySet());
    }

    @Test
    void reportJsonCountsEveryReasonAndListsEveryIssue() throws Exception {
        JsonNode report = new ObjectMapper().readTree(Files.readString(tmp.resolve("out/report.json")));
        Map<IssueReason, Integer> expected = Map.ofEntries(
                Map.entry(IssueReason.TRUNCATED_JPEG, 1), Map.entry(IssueReason.EMPTY_FILE, 1),
                Map.entry(IssueReason.DUPLICATE_IMAGE, 1), Map.entry(IssueReason.TOO_SMALL, 1),
                Map.entry(IssueReason.CLASS_OUT_OF_RANGE, 1), Map.entry(IssueReason.COORDINATE_OUT_OF_RANGE, 1),
                Map.entry(IssueReason.NON_POSITIVE_SIZE, 1), Map.entry(IssueReason.DUPLICATE_LABEL, 1),
                Map.entry(IssueReason.MISSING_LABEL_FILE, 1), Map.entry(IssueReason.FORMAT_MISMATCH, 1),
                Map.entry(IssueReason.EXIF_ORIENTATION_APPLIED, 1), Map.entry(IssueReason.LABEL_WITHOUT_IMAGE, 1),
                Map.entry(IssueReason.UNREADABLE_DIRECTORY, 1));
        assertEquals(expected, summary.issueCounts());
        for (Map.Entry<IssueReason, Integer> e : expected.entrySet()) {
            assertEquals(e.getValue().intValue(), report.path("issue_counts").path(e.getKey().name()).path("count").asInt(),
                    e.getKey().name());
        }
        assertEquals(summary.issues().size(), report.path("issues").size());
        assertEquals("IMAGE_REJECTED", report.path("issue_counts").path("TRUNCATED_JPEG").path("outcome").asText());
        String text = Files.readString(tmp.resolve("out/report.txt"));
        assertTrue(text.contains("truncated.jpg") && text.contains("TRUNCATED_JPEG"), text);
    }

    private static void assertBoxes(PreparedOutput out, String stem, float[][] expected) {
        float[][] actual = PreparedOutput.boxes(out.row(image("train", stem + ".jpg")));
        assertEquals(expected.length, actual.length, stem);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-6f, stem + " box " + i);
        }
    }
}
