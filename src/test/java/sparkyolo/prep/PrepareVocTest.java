package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.PreparedSchema;
import sparkyolo.io.HadoopFiles;
import sparkyolo.testing.TestSpark;

/** A Pascal VOC tree in the format's real layout and XML structure, with difficult objects and broken files. */
class PrepareVocTest {
    @TempDir
    static Path tmp;
    static Path root;
    static PrepareSummary summary;

    static String xml(String id, int width, int height, String objects) {
        return """
                <annotation>
                \t<folder>VOC2012</folder>
                \t<filename>%s.jpg</filename>
                \t<source>
                \t\t<database>The VOC2008 Database</database>
                \t\t<annotation>PASCAL VOC2008</annotation>
                \t\t<image>flickr</image>
                \t</source>
                \t<size>
                \t\t<width>%d</width>
                \t\t<height>%d</height>
                \t\t<depth>3</depth>
                \t</size>
                \t<segmented>0</segmented>
                %s</annotation>
                """.formatted(id, width, height, objects);
    }

    static String object(String name, int difficult, int xmin, int ymin, int xmax, int ymax) {
        return """
                \t<object>
                \t\t<name>%s</name>
                \t\t<pose>Left</pose>
                \t\t<truncated>0</truncated>
                \t\t<occluded>0</occluded>
                \t\t<bndbox>
                \t\t\t<xmin>%d</xmin>
                \t\t\t<ymin>%d</ymin>
                \t\t\t<xmax>%d</xmax>
                \t\t\t<ymax>%d</ymax>
                \t\t</bndbox>
                \t\t<difficult>%d</difficult>
                \t</object>
                """.formatted(name, xmin, ymin, xmax, ymax, difficult);
    }

    @BeforeAll
    static void prepare() throws Exception {
        root = tmp.resolve("VOC2012");
        image("2008_000001", "000000000009");
        annotation("2008_000001", xml("2008_000001", 640, 480,
                object("dog", 0, 11, 21, 110, 70) + object("person", 1, 201, 101, 300, 200)));
        image("2008_000002", "000000000025");
        annotation("2008_000002", xml("2008_000002", 640, 426,
                "\t<object>\n\t\t<name>cat</name>\n\t\t<difficult>0</difficult>\n\t</object>\n" + object("person", 0, 1, 1, 50, 40)));
        image("2008_000003", "000000000030");
        annotation("2008_000003", "<annotation>\n\t<size>\n\t\t<width>640");
        image("2008_000004", "000000000034");
        annotation("2008_000005", xml("2008_000005", 640, 480, object("dog", 0, 1, 1, 10, 10)));
        image("2008_000006", "000000000036");
        annotation("2008_000006", xml("2008_000006", 640, 480, object("horse", 0, 1, 1, 10, 10)));
        TestImageFiles.write(root.resolve("ImageSets/Main/train.txt"), "2008_000001\n2008_000002\n2008_000005\n");
        TestImageFiles.write(root.resolve("ImageSets/Main/val.txt"), "2008_000003\n2008_000004\n");
        PrepareOptions o = PrepareOptions.builder(SourceFormat.VOC, root.toString(), tmp.resolve("out").toString()).build();
        summary = PrepareJob.run(TestSpark.session(), o);
    }

    private static void image(String id, String cocoStem) throws Exception {
        TestImageFiles.write(root.resolve("JPEGImages/" + id + ".jpg"), TestImageFiles.coco(cocoStem));
    }

    private static void annotation(String id, String text) throws Exception {
        TestImageFiles.write(root.resolve("Annotations/" + id + ".xml"), text);
    }

    private static String imageUri(String id) {
        return TestImageFiles.uri(root.resolve("JPEGImages/" + id + ".jpg"));
    }

    private static String xmlUri(String id) {
        return TestImageFiles.uri(root.resolve("Annotations/" + id + ".xml"));
    }

    private static void assertBoxes(float[][] expected, Row r) {
        float[][] actual = PreparedOutput.boxes(r);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-6f, "box " + i);
        }
    }

    @Test
    void keepsTheSplitsOfImageSetsMain() {
        assertEquals(Map.of("train", 2, "val", 1), summary.imagesPerSplit());
        assertEquals(List.of("dog", "person"), summary.names(), "object names found, sorted");
        assertEquals(Set.of(imageUri("2008_000004")), PreparedOutput.read(summary.output() + "/val").byPath().keySet());
        assertEquals(Set.of(imageUri("2008_000001"), imageUri("2008_000002")),
                PreparedOutput.read(summary.output() + "/train").byPath().keySet());
    }

    /** 1-based inclusive xmin..xmax becomes [xmin - 1, xmax - 1], as Ultralytics' VOC conversion does. */
    @Test
    void boxesConvertLikeUltralyticsVocYaml() {
        PreparedOutput train = PreparedOutput.read(summary.output() + "/train");
        Row first = train.row(imageUri("2008_000001"));
        assertEquals("2008_000001", first.getAs(PreparedSchema.IMAGE_ID));
        assertBoxes(new float[][] {{0, 59.5f / 640, 44.5f / 480, 99f / 640, 49f / 480}}, first);
        assertBoxes(new float[][] {{1, 24.5f / 640, 19.5f / 426, 49f / 640, 39f / 426}}, train.row(imageUri("2008_000002")));
    }

    @Test
    void difficultObjectsAreLeftOutAndCounted() {
        List<Issue> difficult = summary.issues(IssueReason.DIFFICULT_BOX);
        assertEquals(1, difficult.size());
        assertEquals(xmlUri("2008_000001"), difficult.get(0).path());
        assertTrue(difficult.get(0).detail().startsWith("object 2 (person)"), difficult.get(0).detail());
    }

    @Test
    void keepDifficultKeepsThem() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        SourceListing listing = VocSource.read(sc, HadoopFiles.local(), root.toString(), true, true);
        SourceItem first = listing.items().stream().filter(i -> i.id().equals("2008_000001")).findFirst().orElseThrow();
        assertEquals(2, ((SourceLabels.Pixels) first.labels()).boxes().size());
        assertTrue(listing.issues().stream().noneMatch(i -> i.reason() == IssueReason.DIFFICULT_BOX));
    }

    @Test
    void brokenAndStrayFilesAreReported() {
        assertEquals(Map.of(IssueReason.DIFFICULT_BOX, 1, IssueReason.MALFORMED_LABEL, 1,
                IssueReason.UNREADABLE_LABELS, 1, IssueReason.MISSING_LABEL_FILE, 1,
                IssueReason.LABEL_WITHOUT_IMAGE, 1, IssueReason.UNLISTED_IMAGE, 1), summary.issueCounts());
        assertEquals(xmlUri("2008_000002"), summary.issues(IssueReason.MALFORMED_LABEL).get(0).path());
        assertTrue(summary.issues(IssueReason.MALFORMED_LABEL).get(0).detail().contains("object 1: no <bndbox>"));
        assertEquals(xmlUri("2008_000003"), summary.issues(IssueReason.UNREADABLE_LABELS).get(0).path());
        assertEquals(imageUri("2008_000004"), summary.issues(IssueReason.MISSING_LABEL_FILE).get(0).path());
        assertEquals(xmlUri("2008_000005"), summary.issues(IssueReason.LABEL_WITHOUT_IMAGE).get(0).path());
        assertEquals(imageUri("2008_000006"), summary.issues(IssueReason.UNLISTED_IMAGE).get(0).path());
    }

    @Test
    void resplittingTakesEveryImageWithAnAnnotationOrNot() throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        SourceListing listing = VocSource.read(sc, HadoopFiles.local(), root.toString(), false, false);
        List<String> ids = new ArrayList<>();
        listing.items().forEach(i -> ids.add(i.id()));
        assertEquals(List.of("2008_000001", "2008_000002", "2008_000004", "2008_000006"), ids);
        assertEquals(List.of("dog", "horse", "person"), listing.names());
    }
}
