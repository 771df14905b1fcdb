package sparkyolo.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;
import sparkyolo.data.PreparedSchema;
import sparkyolo.data.YoloLabels;
import sparkyolo.testing.TestSpark;

/** YoloEstimator on a handful of the bundled sample's images, in prepare's row layout. */
class YoloEstimatorTest {
    static final Path SAMPLE = Path.of("data/coco-sample");
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static List<Path> images;
    static List<float[][]> labels = new ArrayList<>();
    static Dataset<Row> rows;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        try (Stream<Path> all = Files.list(SAMPLE.resolve("images/train"))) {
            images = all.sorted().limit(6).toList();
        }
        List<Row> data = new ArrayList<>();
        for (Path image : images) {
            Path label = SAMPLE.resolve("labels/train/" + image.getFileName().toString().replace(".jpg", ".txt"));
            float[][] boxes = YoloLabels.parse(Files.readString(label), label.toString(), 80).rows();
            labels.add(boxes);
            List<Row> boxRows = new ArrayList<>();
            for (float[] b : boxes) {
                boxRows.add(RowFactory.create((int) b[0], b[1], b[2], b[3], b[4]));
            }
            data.add(RowFactory.create(Files.readAllBytes(image), JavaConverters.asScalaBuffer(boxRows).toSeq()));
        }
        StructType schema = new StructType().add(PreparedSchema.IMAGE, DataTypes.BinaryType)
                .add(PreparedSchema.BOXES, DataTypes.createArrayType(PreparedSchema.BOX, false));
        rows = spark.createDataFrame(data, schema);
    }

    @Test
    void fitsOneEpochAndTheModelTransforms() throws Exception {
        YoloEstimator estimator = new YoloEstimator().setEpochs(1).setImgSize(64).setBatchSize(3).setWorkers(1)
                .setAutoAnchor(false).setProject(tmp.resolve("runs").toString()).setConfThres(0.001);
        YoloModel model = estimator.fit(rows);
        assertEquals(estimator, model.parent());
        assertEquals(64, model.getImgSize(), "detection params carry over");
        assertEquals(0.001, model.getConfThres());
        int largestClass = labels.stream().flatMap(Stream::of).mapToInt(b -> (int) b[0]).max().orElseThrow();
        assertEquals(largestClass + 1, model.classNames().size(), "class0..classN up to the largest class in the data");

        Path run = tmp.resolve("runs/exp");
        assertEquals(2, Files.readAllLines(run.resolve("results.csv")).size(), "header and one epoch");
        for (int i = 0; i < images.size(); i++) {
            String stem = String.format("%08d", i);
            byte[] written = Files.readAllBytes(run.resolve("dataset/images/train/" + stem + ".jpeg"));
            int source = -1;
            for (int k = 0; k < images.size(); k++) {
                if (java.util.Arrays.equals(Files.readAllBytes(images.get(k)), written)) {
                    source = k;
                }
            }
            assertTrue(source >= 0, stem + " is one of the input images");
            Path label = run.resolve("dataset/labels/train/" + stem + ".txt");
            assertArrayEquals(labels.get(source), YoloLabels.parse(Files.readString(label), label.toString(), 80).rows(),
                    "labels written as they came in: " + stem);
        }

        List<Row> out = model.setInputCol(PreparedSchema.IMAGE).transform(rows).collectAsList();
        assertEquals(images.size(), out.size());
        for (Row r : out) {
            assertNotNull(r.getList(r.fieldIndex("detections")), "every image decoded and detected");
        }
    }

    @Test
    void checksTheBoxesColumnAndPersistsItsParams() throws Exception {
        YoloEstimator estimator = new YoloEstimator().setEpochs(7).setNames("a", "b").setBoxesCol("labels");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator.fit(rows));
        assertTrue(e.getMessage().contains("'labels' not found"), e.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> estimator.setBoxesCol("image").transformSchema(rows.schema()));
        assertTrue(type.getMessage().contains("array<struct<cls, x, y, w, h>>"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> estimator.setEpochs(0));

        estimator.write().overwrite().save(tmp.resolve("estimator").toString());
        YoloEstimator loaded = YoloEstimator.load(tmp.resolve("estimator").toString());
        assertEquals(estimator.uid(), loaded.uid());
        assertEquals(7, loaded.getOrDefault(loaded.epochs()));
        assertArrayEquals(new String[] {"a", "b"}, loaded.getOrDefault(loaded.names()));
        assertEquals("image", loaded.getOrDefault(loaded.boxesCol()));
    }
}
