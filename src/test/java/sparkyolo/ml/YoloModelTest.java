package sparkyolo.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.cli.Main;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/** YoloModel on coco128 images against the detect command, persistence, and bad input. */
class YoloModelTest {
    static final int IMG = 320;
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path images;
    static YoloModel model;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        Path coco = SharedFixtures.coco128().resolve("images/train2017");
        images = Files.createDirectories(tmp.resolve("images"));
        try (Stream<Path> all = Files.list(coco)) {
            for (Path p : all.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(12).toList()) {
                Files.copy(p, images.resolve(p.getFileName()));
            }
        }
        model = YoloModel.fromWeights(SharedFixtures.parity("yolov5n.pt").toString()).setImgSize(IMG);
    }

    /** The images as binaryFile reads them: path and content (bytes). */
    static Dataset<Row> imageBytes() {
        return spark.read().format("binaryFile").load(images.toString()).select("path", "content");
    }

    /** Per file name, detections as detect's predictions.json writes them: class, bbox x, y, w, h, score. */
    static Map<String, List<double[]>> byFile(Dataset<Row> transformed, String pathCol) {
        Map<String, List<double[]>> out = new HashMap<>();
        for (Row r : transformed.collectAsList()) {
            List<double[]> dets = new ArrayList<>();
            for (Row d : r.<Row>getList(r.fieldIndex("detections"))) {
                float x1 = d.getFloat(2);
                float y1 = d.getFloat(3);
                dets.add(new double[] {d.getInt(0), x1, y1, d.getFloat(4) - x1, d.getFloat(5) - y1, d.getFloat(1)});
            }
            out.put(Path.of(r.<String>getAs(pathCol)).getFileName().toString(), dets);
        }
        return out;
    }

    static void assertSameDetections(Map<String, List<double[]>> expected, Map<String, List<double[]>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            List<double[]> e = expected.get(file);
            List<double[]> a = actual.get(file);
            assertEquals(e.size(), a.size(), file);
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i)[0], a.get(i)[0], file + " class " + i);
                for (int k = 1; k < 5; k++) {
                    assertEquals(e.get(i)[k], a.get(i)[k], 1e-3, file + " box " + i);
                }
                assertEquals(e.get(i)[5], a.get(i)[5], 1e-5, file + " score " + i);
            }
        }
    }

    @Test
    void transformFindsWhatDetectFinds() throws Exception {
        Path project = tmp.resolve("runs");
        assertEquals(0, Main.execute("detect", "--weights", SharedFixtures.parity("yolov5n.pt").toString(), "--source",
                images.toString(), "--img", String.valueOf(IMG), "--save-json", "--nosave", "--project", project.toString()));
        Map<String, List<double[]>> detect = new HashMap<>();
        for (JsonNode e : new ObjectMapper().readTree(project.resolve("exp/predictions.json").toFile())) {
            JsonNode b = e.get("bbox");
            detect.computeIfAbsent(Path.of(e.get("file").asText().replace("file:", "")).getFileName().toString(),
                    k -> new ArrayList<>()).add(new double[] {e.get("category_id").asInt(), b.get(0).asDouble(),
                        b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(), e.get("score").asDouble()});
        }
        try (Stream<Path> all = Files.list(images)) {
            all.forEach(p -> detect.putIfAbsent(p.getFileName().toString(), List.of()));
        }
        assertTrue(detect.values().stream().mapToInt(List::size).sum() > detect.size(), "objects in coco128: " + detect);

        Map<String, List<double[]>> fromBytes = byFile(model.setInputCol("content").transform(imageBytes()), "path");
        assertSameDetections(detect, fromBytes);
        Dataset<Row> paths = imageBytes().select("path");
        Map<String, List<double[]>> fromPaths = byFile(model.setInputCol("path").transform(paths), "path");
        assertSameDetections(detect, fromPaths);
    }

    /** ONNX Runtime (the default on CPU) and libtorch find the same detections, up to float noise. */
    @Test
    void enginesFindTheSameDetections() throws Exception {
        assertEquals("auto", model.getEngine());
        YoloModel torch = model.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("content").setEngine("pytorch");
        YoloModel ort = torch.copy(new org.apache.spark.ml.param.ParamMap()).setEngine("onnxruntime");
        Map<String, List<double[]>> expected = byFile(torch.transform(imageBytes()), "path");
        Map<String, List<double[]>> actual = byFile(ort.transform(imageBytes()), "path");
        assertTrue(expected.values().stream().mapToInt(List::size).sum() > expected.size(), "objects found");
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file).size(), actual.get(file).size(), file);
            for (int i = 0; i < expected.get(file).size(); i++) {
                double[] e = expected.get(file).get(i);
                double[] a = actual.get(file).get(i);
                assertEquals(e[0], a[0], file + " class " + i);
                for (int k = 1; k < 5; k++) {
                    assertEquals(e[k], a[k], 1e-4 * Math.max(1, Math.abs(e[k])), file + " box " + i);
                }
                assertEquals(e[5], a[5], 1e-4, file + " score " + i);
            }
        }
        String dir = tmp.resolve("ort-model").toString();
        ort.write().overwrite().save(dir);
        assertEquals("onnxruntime", YoloModel.load(dir).getEngine());
    }

    @Test
    void savesAndLoadsAloneAndInAPipeline() throws Exception {
        YoloModel tuned = model.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("content").setConfThres(0.5);
        String dir = tmp.resolve("model").toString();
        tuned.write().overwrite().save(dir);
        assertTrue(Files.exists(tmp.resolve("model/data/weights.npz")), "the checkpoint detect --weights reads");
        YoloModel loaded = YoloModel.load(dir);
        assertEquals(tuned.uid(), loaded.uid());
        assertEquals(0.5, loaded.getConfThres());
        assertEquals(IMG, loaded.getImgSize());
        assertEquals(80, loaded.classNames().size());
        Dataset<Row> one = imageBytes().limit(3);
        Map<String, List<double[]>> expected = byFile(tuned.transform(one), "path");
        assertSameDetections(expected, byFile(loaded.transform(one), "path"));

        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {tuned}).fit(one);
        pipeline.write().overwrite().save(tmp.resolve("pipeline").toString());
        assertSameDetections(expected, byFile(PipelineModel.load(tmp.resolve("pipeline").toString()).transform(one), "path"));
    }

    @Test
    void paramsAndColumnsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> model.setConfThres(1.5));
        assertThrows(IllegalArgumentException.class, () -> model.setImgSize(0));
        assertThrows(IllegalArgumentException.class, () -> model.setMaxDet(0));
        assertThrows(IllegalArgumentException.class, () -> model.setEngine("tensorrt"));
        assertThrows(IllegalArgumentException.class, () -> model.setInputCol(""));
        YoloModel m = model.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("content");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> m.transform(imageBytes().select("path")));
        assertTrue(missing.getMessage().contains("'content' not found"), missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> m.transform(spark.range(1).toDF("content")));
        assertTrue(type.getMessage().contains("binary") && type.getMessage().contains("bigint"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.setOutputCol("path").transform(imageBytes()));
    }

    @Test
    void unreadableImagesGetNullDetections() {
        StructType schema = new StructType().add("content", DataTypes.BinaryType);
        Dataset<Row> bad = spark.createDataFrame(List.of(RowFactory.create((Object) new byte[] {1, 2, 3})), schema);
        YoloModel m = model.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("content");
        assertNull(m.transform(bad).first().get(1));
        Dataset<Row> missing = spark.createDataFrame(List.of(RowFactory.create(tmp.resolve("nope.jpg").toString())),
                new StructType().add("path", DataTypes.StringType));
        assertNull(m.setInputCol("path").transform(missing).first().get(1));
    }
}
