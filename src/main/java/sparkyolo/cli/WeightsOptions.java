package sparkyolo.cli;

import java.io.IOException;
import picocli.CommandLine.Option;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.YoloNetwork;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/** {@code --weights} and {@code --cfg}, shared by the commands that load a model. */
final class WeightsOptions {
    @Option(names = "--weights", defaultValue = Weights.BUNDLED, paramLabel = "FILE",
            description = "Weights: an Ultralytics .pt, a SparkYOLO checkpoint, or an .npz state dict (with --cfg); any"
                    + " Hadoop FS path, or the bundled ${DEFAULT-VALUE} by name (the default).")
    String weights;

    @Option(names = "--cfg", paramLabel = "MODEL.yaml",
            description = "Model YAML (a file or a bundled name such as yolov5s.yaml); needed for a plain .npz.")
    String cfg;

    Checkpoint load(HadoopFiles files) throws IOException {
        return Weights.load(files, weights, cfg);
    }

    /** Builds the model once on the driver, so weights that do not fit fail here with a clear message. */
    static int checkedStride(Checkpoint checkpoint) {
        try (YoloNetwork model = checkpoint.newModel()) {
            return model.maxStride();
        }
    }
}
