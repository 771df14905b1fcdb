package sparkyolo.ml;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.opencv.core.Mat;
import scala.Tuple2;
import sparkyolo.data.PreparedParquet;
import sparkyolo.data.PreparedSchema;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageFormat;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;
import sparkyolo.prep.ContentHash;

/**
 * A DataFrame's images and boxes written once as a prepared dataset's Parquet rows (prepare's
 * schema, split {@code train}), one file per partition, by the executors: the images never pass
 * through the driver. An image that cannot be read or decoded is skipped with a warning naming it.
 */
final class TrainingRows {
    static final List<String> BOX_FIELDS = List.of("cls", "x", "y", "w", "h");
    private static final Logger LOG = LogManager.getLogger(TrainingRows.class);

    private TrainingRows() {
    }

    /** @param dir the folder for the Parquet files (must not exist) */
    static void write(Dataset<?> data, String imageCol, String boxesCol, String dir, HadoopConf conf) {
        JavaRDD<Row> rows = data.select(col(imageCol), col(boxesCol)).javaRDD().zipWithIndex()
                .flatMap(new ToPreparedRow(imageCol, conf));
        PreparedParquet.write(data.sparkSession(), rows, dir);
    }

    /** One DataFrame row (image cell, boxes) and its index as a prepared row, or none. */
    private record ToPreparedRow(String imageCol, HadoopConf conf) implements FlatMapFunction<Tuple2<Row, Long>, Row> {
        @Override
        public Iterator<Row> call(Tuple2<Row, Long> indexed) {
            return convert(indexed._1(), indexed._2()).stream().iterator();
        }

        private Optional<Row> convert(Row row, long index) {
            Object cell = row.get(0);
            if (cell == null) {
                return Optional.empty();
            }
            String name = cell instanceof String path ? path : imageCol + "[" + index + "]";
            byte[] image;
            try {
                image = ImageColumn.bytes(cell, conf.files());
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("skipped {}: {}", name, e.getMessage());
                return Optional.empty();
            }
            Optional<ImageFormat> format = ImageFormat.sniff(image);
            Mat decoded;
            try {
                OpenCv.ensureLoaded();
                decoded = ImageDecoder.decode(image, name);
            } catch (BadImageException e) {
                LOG.warn("skipped {}: {}", name, e.getMessage());
                return Optional.empty();
            }
            int width = decoded.cols();
            int height = decoded.rows();
            decoded.release();
            String id = cell instanceof String path ? HadoopFiles.stem(path) : String.format(Locale.ROOT, "%08d", index);
            return Optional.of(PreparedSchema.row(id, name, image,
                    format.map(f -> f.name().toLowerCase(Locale.ROOT)).orElse(""), width, height, boxes(row.getList(1)),
                    "train", ContentHash.sha256(image)));
        }

        /** Rows {@code [cls, x, y, w, h]} of a boxes cell (any numeric field types). */
        private static float[][] boxes(List<Row> cell) {
            List<Row> boxes = cell == null ? List.of() : cell;
            float[][] out = new float[boxes.size()][BOX_FIELDS.size()];
            for (int b = 0; b < boxes.size(); b++) {
                for (int f = 0; f < BOX_FIELDS.size(); f++) {
                    out[b][f] = ((Number) boxes.get(b).getAs(BOX_FIELDS.get(f))).floatValue();
                }
            }
            return out;
        }
    }
}
