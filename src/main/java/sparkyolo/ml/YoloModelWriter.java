package sparkyolo.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.util.MLWriter;
import sparkyolo.io.HadoopFiles;

/**
 * Saves a {@link YoloModel}: Spark ML's metadata (class, uid, params) under {@code path/metadata},
 * written by Spark's own params writer so that Pipelines holding the model save and load it, and
 * the checkpoint as {@code path/data/weights.npz}.
 */
final class YoloModelWriter extends MLWriter {
    static final String WEIGHTS = "data/weights.npz";
    private final YoloModel model;
    private final MLWriter metadata;

    YoloModelWriter(YoloModel model, MLWriter metadata) {
        this.model = model;
        this.metadata = metadata;
    }

    @Override
    public void saveImpl(String path) {
        try {
            // save() has already handled overwrite(): the path is free for the metadata writer.
            metadata.session(sparkSession()).save(path);
            new HadoopFiles(sc().hadoopConfiguration())
                    .writeAtomically(HadoopFiles.resolve(path, WEIGHTS), model.weights().checkpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
