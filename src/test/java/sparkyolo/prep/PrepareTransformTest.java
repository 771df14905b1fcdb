package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import sparkyolo.data.PreparedSchema;
import sparkyolo.data.YoloLabels;
import sparkyolo.image.ImageDecoder;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;
import sparkyolo.util.InvalidOptionException;

/** coco128 shrunk to 320 pixels, re-split 0.8/0.1/0.1, vehicles merged into one class, in files of about 1 MB. */
class PrepareTransformTest {
    static final Map<String, String> VEHICLES = Map.of("car", "vehicle", "bus", "vehicle", "truck", "vehicle");

    @TempDir
    static Path tmp;
    static PrepareOptions options;
    static PrepareSummary summary;

    @BeforeAll
    static void prepare() throws Exception {
        options = PrepareOptions.builder(SourceFormat.YOLO, SharedFixtures.coco128().resolve("coco128.yaml").toString(),
                tmp.resolve("out").toString()).maxSide(320).jpegQuality(80).split(SplitRatios.parse("0.8,0.1,0.1")).seed(1)
                .classMap(VEHICLES).mbPerFile(1).build();
        summary = PrepareJob.run(TestSpark.session(), options);
    }

    private static List<Row> allRows() {
        return TestSpark.session().read().parquet(summary.output() + "/train", summary.output() + "/val", summary.output() + "/test")
                .collectAsList();
    }

    @Test
    void splitsByRatioWithoutTheSourceSplits() {
        assertEquals(Map.of("train", 104, "val", 12, "test", 12), summary.imagesPerSplit());
        assertEquals(128, allRows().stream().map(r -> (String) r.getAs(PreparedSchema.SOURCE_PATH)).distinct().count());
        assertTrue(summary.issues(IssueReason.IN_SEVERAL_SPLITS).isEmpty());
    }

    @Test
    void shrinksToTheMaxSideAndReencodes() throws Exception {
        for (Row r : allRows()) {
            int w = r.getAs(PreparedSchema.WIDTH);
            int h = r.getAs(PreparedSchema.HEIGHT);
            assertEquals(320, Math.max(w, h), (String) r.getAs(PreparedSchema.SOURCE_PATH));
            assertEquals("jpeg", r.getAs(PreparedSchema.FORMAT));
            Mat decoded = ImageDecoder.decode(r.getAs(PreparedSchema.IMAGE), "row");
            assertEquals(w, decoded.cols());
            assertEquals(h, decoded.rows());
            decoded.release();
        }
        assertEquals(128, summary.resizedImages());
        assertEquals(128, summary.reencodedImages());
    }

    @Test
    void mergesClassesByName() throws Exception {
        assertEquals(78, summary.names().size());
        assertEquals("vehicle", summary.names().get(2));
        assertEquals("motorcycle", summary.names().get(3));
        long vehicles = allRows().stream().flatMap(r -> Stream.of(PreparedOutput.boxes(r))).filter(b -> b[0] == 2).count();
        assertEquals(sourceBoxesOf(2, 5, 7), vehicles, "car, bus and truck boxes");
        assertEquals(929, summary.boxes());
    }

    @Test
    void filesHoldAboutAMegabyteOfImages() throws Exception {
        try (Stream<Path> files = Files.list(tmp.resolve("out/train"))) {
            List<Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
            assertEquals(summary.filesPerSplit().get("train"), parquet.size());
            assertTrue(parquet.size() >= 2, "train files " + parquet.size());
            for (Path f : parquet) {
                assertTrue(Files.size(f) < 1.2 * 1024 * 1024, f + " " + Files.size(f));
            }
        }
    }

    @Test
    void refusesToOverwriteUnlessTold() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> PrepareJob.run(TestSpark.session(), options));
        assertEquals("--output", e.option());
        assertTrue(e.getMessage().contains("--overwrite"));
    }

    private static long sourceBoxesOf(int... classes) throws Exception {
        long n = 0;
        try (Stream<Path> labels = Files.list(SharedFixtures.coco128().resolve("labels/train2017"))) {
            for (Path p : (Iterable<Path>) labels::iterator) {
                for (float[] row : YoloLabels.parse(Files.readString(p), p.toString(), 80).rows()) {
                    for (int c : classes) {
                        n += row[0] == c ? 1 : 0;
                    }
                }
            }
        }
        return n;
    }
}
