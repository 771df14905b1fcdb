package sparkyolo.ml;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import sparkyolo.image.ImageFormat;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;

/**
 * A DataFrame of images and boxes written as the Ultralytics dataset that the training job reads:
 * {@code images/train/NNNNNNNN.<format>}, {@code labels/train/NNNNNNNN.txt} (YOLO lines) and
 * {@code dataset.yaml} with val = train, as the original's coco128. The executors write the files
 * in one Spark job; the images never pass through the driver.
 */
final class TrainingImages {
    static final List<String> BOX_FIELDS = List.of("cls", "x", "y", "w", "h");
    private static final Logger LOG = LogManager.getLogger(TrainingImages.class);

    private TrainingImages() {
    }

    /** Fails unless {@code name} is an array of structs with numeric cls, x, y, w, h (as PreparedSchema's boxes). */
    static void checkBoxes(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("boxes column '" + name + "' not found; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (!(type instanceof ArrayType a) || !(a.elementType() instanceof StructType box)
                || !Arrays.asList(box.fieldNames()).containsAll(BOX_FIELDS)) {
            throw new IllegalArgumentException("boxes column '" + name + "' must be array<struct<cls, x, y, w, h>>"
                    + " (normalized centre and size, as prepare writes), not " + type.simpleString());
        }
    }

    /** @return the dataset YAML */
    static String write(Dataset<?> data, String imageCol, String boxesCol, List<String> names, String dir,
            HadoopConf conf) throws IOException {
        data.select(col(imageCol), col(boxesCol)).javaRDD().zipWithIndex().foreachPartition(new WritePartition(dir, conf));
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("path", ".");
        yaml.put("train", "images/train");
        yaml.put("val", "images/train");
        yaml.put("nc", names.size());
        yaml.put("names", names);
        String file = HadoopFiles.resolve(dir, "dataset.yaml");
        conf.files().writeAtomically(file, new ObjectMapper(new YAMLFactory()).writeValueAsBytes(yaml));
        return file;
    }

    /** The image and label files of one partition's rows; an image that cannot be read is skipped with a warning. */
    private record WritePartition(String dir, HadoopConf conf) implements VoidFunction<Iterator<Tuple2<Row, Long>>> {
        @Override
        public void call(Iterator<Tuple2<Row, Long>> rows) throws IOException {
            HadoopFiles files = conf.files();
            while (rows.hasNext()) {
                Tuple2<Row, Long> next = rows.next();
                Object cell = next._1().get(0);
                if (cell == null) {
                    continue;
                }
                String stem = String.format(Locale.ROOT, "%08d", next._2());
                byte[] image;
                try {
                    image = ImageColumn.bytes(cell, files);
                } catch (IOException | UncheckedIOException e) {
                    LOG.warn("skipped {}: {}", ImageColumn.describe(cell), e.getMessage());
                    continue;
                }
                String ext = ImageFormat.sniff(image).map(f -> f.name().toLowerCase(Locale.ROOT)).orElse("jpg");
                files.writeAtomically(HadoopFiles.resolve(dir, "images/train/" + stem + "." + ext), image);
                files.writeAtomically(HadoopFiles.resolve(dir, "labels/train/" + stem + ".txt"),
                        labels(next._1().getList(1)).getBytes(StandardCharsets.UTF_8));
            }
        }

        /** YOLO label lines; floats printed so that they parse back to the same values. */
        private static String labels(List<Row> boxes) {
            StringBuilder sb = new StringBuilder();
            for (Row b : boxes == null ? List.<Row>of() : boxes) {
                sb.append(((Number) b.getAs("cls")).intValue());
                for (String f : BOX_FIELDS.subList(1, BOX_FIELDS.size())) {
                    sb.append(' ').append(((Number) b.getAs(f)).floatValue());
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }
}
