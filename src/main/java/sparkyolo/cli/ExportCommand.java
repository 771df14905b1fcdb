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
import sparkyolo.io.HadoopFiles;
import sparkyolo.util.Npz;
import sparkyolo.weights.Checkpoint;

/**
 * {@code export}: weights as an {@code .npz} state dict with Ultralytics key names (plus the
 * model YAML beside it), which Python loads with numpy into the original model; or as a
 * SparkYOLO checkpoint.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export weights as an .npz state dict with Ultralytics key names (and MODEL.yaml), or as a SparkYOLO checkpoint.")
final class ExportCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(ExportCommand.class);

    enum Format { npz, checkpoint }

    @Mixin
    WeightsOptions weights;

    @Option(names = "--format", defaultValue = "npz", description = "npz (Ultralytics state dict) or checkpoint (default: ${DEFAULT-VALUE}).")
    Format format;

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
}
