package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.PreparedSchema;
import sparkyolo.data.YoloLabels;
import sparkyolo.io.HadoopFiles;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/** coco128 → prepare → the Parquet files read back: every image, every label, as the source has them. */
class PrepareCoco128Test {
    @TempDir
    static Path tmp;
    static Path coco128;
    static PrepareSummary summary;

    @BeforeAll
    static void prepare() throws Exception {
        coco128 = SharedFixtures.coco128();
        PrepareOptions o = PrepareOptions.builder(SourceFormat.YOLO, coco128.resolve("coco128.yaml").toString(),
                tmp.resolve("out").toString()).rowsPerFile(50).build();
        summary = PrepareJob.run(TestSpark.session(), o);
    }

    @Test
    void writesEveryImageWithTheSourceLabels() throws Exception {
        PreparedOutput train = PreparedOutput.read(summary.output() + "/train");
        assertEquals(128, train.rows());
        assertEquals(929, train.boxCount());
        for (Row r : train.byPath().values()) {
            String path = r.getAs(PreparedSchema.SOURCE_PATH);
            String stem = Path.of(java.net.URI.create(path)).getFileName().toString().replace(".jpg", "");
            Path label = coco128.resolve("labels/train2017/" + stem + ".txt");
            String text = Files.exists(label) ? Files.readString(label) : null;
            float[][] expected = YoloLabels.parse(text, label.toString(), 80).rows();
            assertTrue(Arrays.deepEquals(expected, PreparedOutput.boxes(r)), path);
            byte[] source = Files.readAllBytes(Path.of(java.net.URI.create(path)));
            assertArrayEquals(source, (byte[]) r.getAs(PreparedSchema.IMAGE), "bytes kept as they are");
            assertEquals(ContentHash.sha256(source), r.getAs(PreparedSchema.SHA256));
            assertEquals("jpeg", r.getAs(PreparedSchema.FORMAT));
            assertEquals("images/train2017/" + stem, r.getAs(PreparedSchema.IMAGE_ID));
            assertEquals("train", r.getAs(PreparedSchema.SPLIT));
        }
        Row first = train.row(coco128.resolve("images/train2017/000000000009.jpg").toUri().toString().replace("file:///", "file:/"));
        assertEquals(640, (int) first.getAs(PreparedSchema.WIDTH));
        assertEquals(480, (int) first.getAs(PreparedSchema.HEIGHT));
    }

    @Test
    void keepsTheValSplitThatListsTheSameImages() {
        assertEquals(Map.of("train", 128, "val", 128), summary.imagesPerSplit());
        assertEquals(128, summary.writtenImages());
        assertEquals(128, summary.issues(IssueReason.IN_SEVERAL_SPLITS).size());
        assertEquals(128, PreparedOutput.read(summary.output() + "/val").rows());
    }

    @Test
    void cutsFilesOfFiftyRows() throws Exception {
        assertEquals(Map.of("train", 3, "val", 3), summary.filesPerSplit());
        try (var files = Files.list(tmp.resolve("out/train"))) {
            assertEquals(3, files.filter(f -> f.toString().endsWith(".parquet")).count());
        }
    }

    @Test
    void reportsNothingWrongWithCoco128() {
        assertEquals(Map.of(IssueReason.IN_SEVERAL_SPLITS, 128), summary.issueCounts());
        assertEquals(0, summary.rejectedImages());
    }

    @Test
    void writesADatasetYamlThatPointsAtTheSplits() throws Exception {
        String text = Files.readString(tmp.resolve("out/dataset.yaml"));
        assertTrue(text.contains("format: \"parquet\"") || text.contains("format: parquet"), text);
        DatasetConfig config = DatasetConfig.load(HadoopFiles.local(), tmp.resolve("out/dataset.yaml").toString());
        assertEquals(80, config.nc());
        assertEquals("person", config.names().get(0));
        assertEquals(List.of(summary.output() + "/train"), config.entries("train"));
        assertEquals(List.of(summary.output() + "/val"), config.entries("val"));
        assertFalse(config.hasSplit("test"));
    }

    @Test
    void statisticsCountImagesBoxesAndClasses() throws Exception {
        DatasetStats stats = summary.stats();
        assertEquals(128, stats.images());
        assertEquals(Map.of("train", 128L, "val", 128L), stats.imagesPerSplit());
        assertEquals(929, stats.boxes());
        assertEquals(929, Arrays.stream(stats.boxSize().counts()).sum());
        assertEquals(929, Arrays.stream(stats.boxAspect().counts()).sum());
        assertEquals(128, Arrays.stream(stats.imageLongSide().counts()).sum());
        assertEquals("person", stats.classes().get(0).name());
        assertEquals(expectedPersons(), stats.classes().get(0).boxes());
        assertTrue(Files.readString(tmp.resolve("out/stats.json")).contains("\"box_aspect\""));
    }

    @Test
    void autoAnchorFindsTheDefaultAnchorsGoodAt640() {
        AnchorSuggestion a = summary.anchors();
        assertNull(a.skipped());
        assertTrue(a.bpr() > 0.98, "BPR " + a.bpr());
        assertFalse(a.replaced());
        assertEquals(3, a.anchors().length);
    }

    @Test
    void writesTheReport() throws Exception {
        String json = Files.readString(tmp.resolve("out/report.json"));
        assertTrue(json.contains("\"IN_SEVERAL_SPLITS\""), json.substring(0, 400));
        String text = Files.readString(tmp.resolve("out/report.txt"));
        assertTrue(text.contains("128 written"), text);
    }

    private static long expectedPersons() throws Exception {
        long n = 0;
        try (var labels = Files.list(coco128.resolve("labels/train2017"))) {
            for (Path p : (Iterable<Path>) labels::iterator) {
                for (float[] row : YoloLabels.parse(Files.readString(p), p.toString(), 80).rows()) {
                    n += row[0] == 0 ? 1 : 0;
                }
            }
        }
        return n;
    }
}
