package sparkyolo.cli;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkyolo.detect.ImageSize;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.YoloNetwork;
import sparkyolo.onnx.OnnxExport;
import sparkyolo.onnx.OnnxExportOptions;
import sparkyolo.util.Npz;
import sparkyolo.weights.Checkpoint;

/**
 * {@code export}: weights as an {@code .npz} state dict with Ultralytics key names (plus the
 * model YAML beside it), which Python loads with numpy into the original model; as a SparkYOLO
 * checkpoint; or as an ONNX model the way the original's export.py writes it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export weights as an .npz state dict with Ultralytics key names (and MODEL.yaml), a SparkYOLO "
                + "checkpoint, or an ONNX model (fused, Detect's decoding inside, no NMS).")
final class ExportCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(ExportCommand.class);

    enum Format { npz, checkpoint, onnx }

    @Mixin
    WeightsOptions weights;

    @Option(names = "--format", defaultValue = "npz", description = "npz (Ultralytics state dict), checkpoint or onnx (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--opset", defaultValue = "" + OnnxExportOptions.DEFAULT_OPSET,
            description = "onnx: operator set, " + OnnxExportOptions.MIN_OPSET + " to " + OnnxExportOptions.MAX_OPSET
                    + " (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--dynamic", description = "onnx: free batch, height and width.")
    boolean dynamic;

    @Option(names = {"--img", "--imgsz", "--img-size"}, arity = "1..2", defaultValue = "640", paramLabel = "PIXELS",
            description = "onnx: input height [width] (one value: square), rounded up to a stride multiple "
                    + "(default: ${DEFAULT-VALUE}).")
    int[] img;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output file (any Hadoop FS path).")
    String output;

    @Override
    public Integer call() throws Exception {
        HadoopFiles files = HadoopFiles.local();
        Checkpoint checkpoint = weights.load(files);
        WeightsOptions.checkedStride(checkpoint);
        if (files.exists(output) && files.qualify(output).equals(files.qualify(weights.weights))) {
            throw new IllegalArgumentException("--output " + output + " would overwrite the input weights");
        }
        if (format == Format.onnx) {
            exportOnnx(files, checkpoint);
            return 0;
        }
        if (format == Format.checkpoint) {
            files.writeAtomically(output, checkpoint.toBytes());
            LOG.info("export: SparkYOLO checkpoint written to {}", files.qualify(output));
            return 0;
        }
        files.writeAtomically(output, Npz.toBytes(checkpoint.stateDict(), Map.of()));
        String yamlPath = output.replaceFirst("\\.npz$", "") + ".yaml";
        Map<String, Object> yaml = new LinkedHashMap<>(checkpoint.spec().asMap());
        yaml.put("names", checkpoint.names());
        String text = "# Model config of " + HadoopFiles.fileName(output) + " (Ultralytics model YAML + class names)\n"
                + sparkyolo.model.ModelSpec.fromMap(yaml, yamlPath).toYaml();
        files.writeAtomically(yamlPath, text.getBytes(StandardCharsets.UTF_8));
        LOG.info("export: {} tensors with Ultralytics state_dict names written to {} (model config: {})",
                checkpoint.stateDict().size(), files.qualify(output), files.qualify(yamlPath));
        return 0;
    }

    private void exportOnnx(HadoopFiles files, Checkpoint checkpoint) throws java.io.IOException {
        try (YoloNetwork model = checkpoint.newModel()) {
            model.fuse();
            int stride = model.maxStride();
            int height = ImageSize.check(img[0], stride);
            int width = img.length > 1 ? ImageSize.check(img[1], stride) : height;
            OnnxExportOptions options = new OnnxExportOptions(opset, dynamic, height, width);
            byte[] bytes = OnnxExport.toBytes(model, checkpoint.names(), options);
            files.writeAtomically(output, bytes);
            LOG.info(String.format(java.util.Locale.ROOT,
                    "export: ONNX opset %d, input %s %s, output %s, written to %s (%.1f MB)", opset, OnnxExport.INPUT,
                    dynamic ? "(batch, 3, height, width)" : "(1, 3, " + height + ", " + width + ")", OnnxExport.OUTPUT,
                    files.qualify(output), bytes.length / 1e6));
        }
    }
}
