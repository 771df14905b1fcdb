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
import org.apache.spark.api.java.JavaSparkContext;
import sparkyolo.data.PreparedParquet;
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
        // The rows were written once as Parquet in prepare's schema: one file per partition, not per image.
        try (Stream<Path> files = Files.list(run.resolve("dataset/train"))) {
            long parquet = files.filter(f -> f.toString().endsWith(".parquet")).count();
            assertTrue(parquet >= 1 && parquet <= rows.javaRDD().getNumPartitions(), parquet + " Parquet files");
        }
        List<Row> written = spark.read().parquet(run.resolve("dataset/train").toString()).collectAsList();
        assertEquals(images.size(), written.size());
        for (Row w : written) {
            byte[] bytes = w.getAs(PreparedSchema.IMAGE);
            int source = -1;
            for (int k = 0; k < images.size(); k++) {
                if (java.util.Arrays.equals(Files.readAllBytes(images.get(k)), bytes)) {
                    source = k;
                }
            }
            assertTrue(source >= 0, "one of the input images");
            org.opencv.core.Mat decoded = sparkyolo.image.ImageDecoder.decode(bytes, "image");
            assertEquals(decoded.cols(), (int) w.getAs(PreparedSchema.WIDTH));
            assertEquals(decoded.rows(), (int) w.getAs(PreparedSchema.HEIGHT));
            assertEquals("jpeg", w.getAs(PreparedSchema.FORMAT));
            List<Row> boxes = w.getList(w.fieldIndex(PreparedSchema.BOXES));
            assertEquals(labels.get(source).length, boxes.size());
            for (int b = 0; b < boxes.size(); b++) {
                Row box = boxes.get(b);
                assertArrayEquals(labels.get(source)[b], new float[] {box.getInt(0), box.getFloat(1), box.getFloat(2),
                    box.getFloat(3), box.getFloat(4)}, "boxes written as they came in");
            }
        }

        List<Row> out = model.setInputCol(PreparedSchema.IMAGE).transform(rows).collectAsList();
        assertEquals(images.size(), out.size());
        for (Row r : out) {
            assertNotNull(r.getList(r.fieldIndex("detections")), "every image decoded and detected");
        }
    }

    @Test
    void aDataFrameReadFromPreparedParquetIsTrainedFromItsFilesWithoutACopy() throws Exception {
        String dir = tmp.resolve("prepared/train").toString();
        List<Row> prepared = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] bytes = Files.readAllBytes(images.get(i));
            org.opencv.core.Mat decoded = sparkyolo.image.ImageDecoder.decode(bytes, images.get(i).toString());
            prepared.add(PreparedSchema.row(Integer.toString(i), images.get(i).toString(), bytes, "jpeg", decoded.cols(),
                    decoded.rows(), labels.get(i), "train", "-"));
        }
        PreparedParquet.write(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(prepared, 2), dir);
        Dataset<Row> parquet = spark.read().parquet(dir);
        List<String> files = List.of(parquet.inputFiles());
        assertEquals(2, files.size());

        Path plain = fit(parquet.select(PreparedSchema.IMAGE, PreparedSchema.BOXES), "plain");
        assertTrue(Files.notExists(plain.resolve("dataset/train")), "no copy of the rows");
        java.util.Map<?, ?> yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readValue(plain.resolve("dataset/dataset.yaml")
                .toFile(), java.util.Map.class);
        assertEquals("parquet", yaml.get("format"));
        assertEquals(files, yaml.get("train"), "the DataFrame's own files");
        assertEquals(files, yaml.get("val"));

        Path filtered = fit(parquet.filter("size(boxes) > 0"), "filtered");
        assertTrue(Files.isDirectory(filtered.resolve("dataset/train")), "a filtered read is written as its rows");
        assertEquals(parquet.filter("size(boxes) > 0").count(),
                spark.read().parquet(filtered.resolve("dataset/train").toString()).count());
    }

    /** One epoch on {@code data}; the run directory. */
    static Path fit(Dataset<Row> data, String name) {
        new YoloEstimator().setEpochs(1).setImgSize(64).setBatchSize(3).setWorkers(1).setAutoAnchor(false)
                .setProject(tmp.resolve("runs").toString()).setName(name).fit(data);
        Path run = tmp.resolve("runs").resolve(name);
        assertTrue(Files.exists(run.resolve("weights/last.npz")), name + " trained");
        return run;
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
