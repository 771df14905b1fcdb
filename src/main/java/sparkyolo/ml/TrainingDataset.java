package sparkyolo.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import sparkyolo.data.DatasetConfig;
import sparkyolo.io.HadoopConf;
import sparkyolo.io.HadoopFiles;

/**
 * The dataset the training job reads for a DataFrame of images and boxes: a prepared dataset
 * ({@code format: parquet}, val = train, as the original's coco128). A DataFrame that is a plain
 * read of prepared Parquet files ({@link PreparedInput}) is trained from those files, without a
 * copy; any other is written once as Parquet rows in prepare's schema ({@link TrainingRows}).
 */
final class TrainingDataset {
    private static final Logger LOG = LogManager.getLogger(TrainingDataset.class);

    private TrainingDataset() {
    }

    /** Fails unless {@code name} is an array of structs with numeric cls, x, y, w, h (as PreparedSchema's boxes). */
    static void checkBoxes(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("boxes column '" + name + "' not found; columns: "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (!(type instanceof ArrayType a) || !(a.elementType() instanceof StructType box)
                || !Arrays.asList(box.fieldNames()).containsAll(TrainingRows.BOX_FIELDS)) {
            throw new IllegalArgumentException("boxes column '" + name + "' must be array<struct<cls, x, y, w, h>>"
                    + " (normalized centre and size, as prepare writes), not " + type.simpleString());
        }
    }

    /**
     * @param dir the run's folder for the dataset: {@code dataset.yaml}, and {@code train/} when the rows are written
     * @return the dataset YAML
     */
    static String write(Dataset<?> data, String imageCol, String boxesCol, List<String> names, String dir,
            HadoopConf conf) throws IOException {
        Optional<List<String>> prepared = PreparedInput.files(data, imageCol, boxesCol);
        List<String> train;
        if (prepared.isPresent()) {
            train = prepared.get();
            LOG.info("Training on the {} prepared Parquet files the DataFrame reads (no copy)", train.size());
        } else {
            TrainingRows.write(data, imageCol, boxesCol, HadoopFiles.resolve(dir, "train"), conf);
            train = List.of("train");
            LOG.info("Wrote the DataFrame's rows as Parquet to {}", HadoopFiles.display(HadoopFiles.resolve(dir, "train")));
        }
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("format", DatasetConfig.PARQUET);
        yaml.put("path", ".");
        yaml.put("train", train);
        yaml.put("val", train);
        yaml.put("nc", names.size());
        yaml.put("names", names);
        String file = HadoopFiles.resolve(dir, "dataset.yaml");
        conf.files().writeAtomically(file, new ObjectMapper(new YAMLFactory()).writeValueAsBytes(yaml));
        return file;
    }
}
