package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.data.ImageFiles;
import sparkyolo.detect.ImageSize;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.ModelSpecException;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.testing.TestSpark;

/** Each kind of bad input ends the command with exit code 2 and a message that names what is wrong. */
class BadInputTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void spark() {
        TestSpark.session();
    }

    @Test
    void missingSource() {
        String missing = tmp.resolve("no-such-dir").toString();
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> ImageFiles.list(HadoopFiles.local(), missing));
        assertTrue(e.getMessage().contains("no-such-dir"), e.getMessage());
        assertEquals(2, Main.execute("detect", "--weights", SharedFixtures.parity("yolov5n.pt").toString(),
                "--source", missing, "--project", tmp.resolve("runs").toString()));
    }

    @Test
    void wrongImageSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageSize.check(0, 32));
        assertTrue(e.getMessage().contains("--img"), e.getMessage());
        assertEquals(650 + 22, ImageSize.check(650, 32), "rounded up to a stride multiple like the original");
        assertEquals(2, Main.execute("detect", "--weights", SharedFixtures.parity("yolov5n.pt").toString(),
                "--source", tmp.toString(), "--img", "-320"));
        assertEquals(2, Main.execute("detect", "--weights", "w.pt", "--source", tmp.toString(), "--img", "big"));
    }

    @Test
    void seedOutsideNumpysRange() {
        // AutoAnchor seeds numpy's RandomState with it, which takes 0 to 2**32 - 1; refused before any work.
        assertEquals(2, Main.execute("train", "--seed", "-1", "--project", tmp.resolve("runs").toString()));
        assertEquals(2, Main.execute("train", "--seed", "4294967296", "--project", tmp.resolve("runs").toString()));
    }

    @Test
    void weightsThatAreNotACheckpoint() throws Exception {
        Path fake = tmp.resolve("fake.pt");
        Files.writeString(fake, "hello");
        assertEquals(2, Main.execute("export", "--weights", fake.toString(), "--output", tmp.resolve("x.npz").toString()));
    }

    @Test
    void modelYamlWithUnknownModule() throws Exception {
        String yaml = Files.readString(Path.of("conf/models/yolov5n.yaml")).replace("SPPF, [1024, 5]", "SPPX, [1024, 5]");
        Path cfg = tmp.resolve("broken.yaml");
        Files.writeString(cfg, yaml);
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> YoloNetwork.build(ModelSpec.load(cfg.toString()), 0));
        assertTrue(e.getMessage().contains("broken.yaml") && e.getMessage().contains("layer 9")
                && e.getMessage().contains("SPPX"), e.getMessage());
        assertEquals(2, Main.execute("export", "--weights", SharedFixtures.parity("state_dict.npz").toString(),
                "--cfg", cfg.toString(), "--output", tmp.resolve("y.npz").toString()));
    }

    @Test
    void modelYamlWithBadFieldValue() throws Exception {
        Path cfg = tmp.resolve("bad-width.yaml");
        Files.writeString(cfg, Files.readString(Path.of("conf/models/yolov5n.yaml"))
                .replace("width_multiple: 0.25", "width_multiple: wide"));
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpec.load(cfg.toString()));
        assertTrue(e.getMessage().contains("bad-width.yaml") && e.getMessage().contains("width_multiple"), e.getMessage());
    }
}
