package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.cli.Main;
import sparkyolo.testing.TestSpark;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/** {@code train --cache ram|disk} trains exactly as without a cache, and a cache that cannot fit is refused. */
class TrainImageCacheTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void spark() {
        TestSpark.session();
    }

    static int train(String name, String img, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--project", tmp.resolve("runs").toString(), "--name", name,
                "--epochs", "2", "--batch-size", "8", "--img", img, "--workers", "2", "--seed", "3", "--noplots"));
        args.addAll(List.of(more));
        return Main.execute(args.toArray(new String[0]));
    }

    @Test
    void ramAndDiskCachesGiveBitwiseTheSameRun() throws Exception {
        assertEquals(0, train("none", "160"));
        assertEquals(0, train("ram", "160", "--cache"));
        assertEquals(0, train("disk", "160", "--cache", "disk"));
        java.io.File localDir = org.apache.spark.SparkEnv.get().blockManager().diskBlockManager().localDirs()[0];
        assertEquals(List.of(), List.of(localDir.list((d, n) -> n.startsWith("sparkyolo-image-cache-"))),
                "the driver released its cache when the run ended");
        Path none = tmp.resolve("runs/none");
        List<String> csv = Files.readAllLines(none.resolve("results.csv"));
        assertEquals(3, csv.size());
        Map<String, NpyArray> weights = Npz.read(none.resolve("weights/last.npz"));
        for (String cached : List.of("ram", "disk")) {
            Path run = tmp.resolve("runs").resolve(cached);
            assertEquals(csv, Files.readAllLines(run.resolve("results.csv")), cached + ": losses and metrics");
            Map<String, NpyArray> w = Npz.read(run.resolve("weights/last.npz"));
            assertEquals(weights.keySet(), w.keySet());
            for (String k : weights.keySet()) {
                assertEquals(weights.get(k).rawBytes(), w.get(k).rawBytes(), cached + ": " + k + " bit for bit");
            }
        }
    }

    @Test
    void aCacheThatCannotFitIsRefusedBeforeTheRunStarts() {
        // 16 images at 8192 px take 2.4 GB, and the loaders' batches many more.
        assertEquals(2, train("huge", "8192", "--cache", "ram", "--noautoanchor"));
        assertFalse(Files.exists(tmp.resolve("runs/huge")), "no run directory for a refused run");
        assertEquals(2, train("bad", "160", "--cache", "gpu"));
        assertTrue(Files.notExists(tmp.resolve("runs/bad")));
    }
}
