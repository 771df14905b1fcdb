package sparkyolo.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/**
 * The reference fixtures in {@code ../shared} (parity outputs of the original YOLOv5 and the
 * coco128 dataset). Tests that need them skip with a message when they are absent, as in a
 * user's fresh clone.
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path shared() {
        Path root = Paths.get(System.getProperty("sparkyolo.shared", "../shared")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root.resolve("parity")),
                "skipped: reference fixtures not found at " + root + " (set -Dsparkyolo.shared=DIR)");
        return root;
    }

    public static Path parity(String file) {
        return shared().resolve("parity").resolve(file);
    }

    public static Path coco128() {
        return shared().resolve("datasets").resolve("coco128");
    }

    public static Map<String, NpyArray> npz(String file) throws IOException {
        return Npz.read(parity(file));
    }
}
