package sparkyolo.prep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.data.PreparedSchema;
import sparkyolo.io.HadoopFiles;

/**
 * The {@code dataset.yaml} beside the Parquet folders, in the Ultralytics layout plus
 * {@code format: parquet}: {@code path: .} (the YAML's own directory), {@code train}/{@code val}/
 * {@code test} naming the split folders, {@code nc} and {@code names}.
 */
final class DatasetYaml {
    static final String FILE = "dataset.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private DatasetYaml() {
    }

    static String text(List<String> splits, List<String> names, String source) throws IOException {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("format", "parquet");
        yaml.put("path", ".");
        for (String split : splits) {
            yaml.put(split, split);
        }
        yaml.put("nc", names.size());
        yaml.put("names", names);
        return "# Prepared by SparkYOLO prepare from " + source + "\n"
                + "# Parquet rows as documented in sparkyolo.data.PreparedSchema; split folders relative to 'path',\n"
                + "# and 'path' relative to this file.\n"
                + YAML.writeValueAsString(yaml);
    }

    static String write(HadoopFiles files, String output, List<String> splits, List<String> names, String source)
            throws IOException {
        String path = output + "/" + FILE;
        files.writeAtomically(path, text(splits, names, source).getBytes(StandardCharsets.UTF_8));
        return path;
    }
}
