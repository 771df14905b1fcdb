package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.DatasetConfig;
import sparkyolo.io.HadoopFiles;

/** The data-prep launchers run as a user runs them, on the built application jar. */
class DataPrepLauncherIT {
    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void prepareYoloWritesAParquetDatasetYaml() throws Exception {
        Path out = tmp.resolve("prepared");
        LauncherIT.Run r = LauncherIT.run(List.of("data-prep/prepare-yolo.sh", "data/coco-sample/coco-sample.yaml",
                out.toString(), "--rows-per-file", "8", "--master", "local[2]"));
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("16 of 16 images written"), r.output());
        DatasetConfig yaml = DatasetConfig.load(HadoopFiles.local(), out.resolve("dataset.yaml").toString());
        assertTrue(yaml.isParquet());
        assertEquals(List.of("train", "val"), yaml.splits());
        assertEquals(2, yaml.parquetFiles(HadoopFiles.local(), "train").size(), "16 images, 8 per file");
        assertTrue(Files.exists(out.resolve("report.json")) && Files.exists(out.resolve("stats.json")));
    }

    @Test
    @Timeout(60)
    void tooFewArgumentsPrintTheUsage() throws Exception {
        LauncherIT.Run r = LauncherIT.run(List.of("data-prep/prepare-coco.sh", "instances.json"));
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("prepare-coco.sh INSTANCES.json IMAGES_DIR OUTPUT"), r.output());
    }
}
