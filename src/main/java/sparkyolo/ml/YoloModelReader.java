package sparkyolo.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.MLReader;
import sparkyolo.io.HadoopFiles;

/** Loads what {@link YoloModelWriter} saved: the params through Spark ML's params reader, then the checkpoint. */
final class YoloModelReader extends MLReader<YoloModel> {
    @Override
    public YoloModel load(String path) {
        YoloModel model = new DefaultParamsReadable<YoloModel>() {
        }.read().session(sparkSession()).load(path);
        String weights = HadoopFiles.resolve(path, YoloModelWriter.WEIGHTS);
        try {
            model.attach(ModelWeights.fromBytes(new HadoopFiles(sc().hadoopConfiguration()).readAllBytes(weights), weights));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }
}
