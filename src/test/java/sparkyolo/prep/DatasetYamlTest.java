package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.DatasetConfig;
import sparkyolo.io.HadoopFiles;

class DatasetYamlTest {
    @TempDir
    Path tmp;

    @Test
    void readsBackAsADatasetConfigWithEveryNameIntact() throws Exception {
        List<String> names = List.of("person", "no", "on", "null", "1", "traffic light", "a: b", "#tag", "'quoted'");
        String text = DatasetYaml.text(List.of("train", "test"), names, "file:/src/data.yaml");
        assertTrue(text.contains("\nformat: parquet\npath: .\ntrain: train\ntest: test\n"), text);
        Path yaml = Files.writeString(tmp.resolve("dataset.yaml"), text);
        DatasetConfig config = DatasetConfig.load(HadoopFiles.local(), yaml.toString());
        assertEquals(names, config.names());
        assertEquals(List.of(HadoopFiles.local().qualify(tmp.resolve("train").toString())), config.entries("train"));
        assertFalse(config.hasSplit("val"));
    }
}
