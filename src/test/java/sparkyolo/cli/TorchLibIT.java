package sparkyolo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.testing.Scripts;
import sparkyolo.testing.SharedFixtures;

/**
 * {@code --torch-lib}: the launcher makes the driver load libtorch from a folder of the node (here
 * the bundled CPU build, extracted from its jar as a pip install would lay it out), and a folder
 * without libtorch fails with an error naming the setting instead of falling back to the bundled one.
 */
class TorchLibIT {
    private static final String NATIVE_PREFIX = "pytorch/cpu/linux-x86_64/";

    @TempDir
    Path tmp;

    /** The pytorch-native-cpu jar's libraries, copied into {@code dir}. */
    private static void extractBundledLibtorch(Path dir) throws IOException {
        URL url = TorchLibIT.class.getClassLoader().getResource(NATIVE_PREFIX + "libtorch.so");
        assertTrue(url != null && url.openConnection() instanceof JarURLConnection, "pytorch-native-cpu jar on the class path");
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith(NATIVE_PREFIX) && !e.isDirectory()).toList()) {
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, dir.resolve(e.getName().substring(NATIVE_PREFIX.length())), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Scripts.Result run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("torch-lib", ".log");
        try {
            return Scripts.run(env, log, Duration.ofMinutes(5), command);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    @Timeout(300)
    void detectLoadsTheLibtorchOfTheGivenFolder() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("torch/lib"));
        extractBundledLibtorch(lib);
        String weights = SharedFixtures.parity("yolov5n.pt").toString();
        Scripts.Result r = run(Map.of(), List.of("bin/spark-yolo", "--torch-lib", lib.toString(), "--torch-version", "2.7.1",
                "detect", "--weights", weights, "--source", "data/coco-sample/images/train/000000000030.jpg",
                "--img", "320", "--project", tmp.toString()));
        assertEquals(0, r.code(), r.output());
        // The engine's start line names the folder libtorch_cpu.so is mapped from.
        assertTrue(r.output().contains("libtorch 2.7.1 cpu from " + lib.toRealPath() + " (PYTORCH_LIBRARY_PATH), no CUDA"),
                r.output());
        // The launcher gave the driver conf/jvm-options.properties' malloc settings.
        assertTrue(r.output().contains("; glibc malloc keeps freed memory (MALLOC_MMAP_MAX_=0)"), r.output());
        assertTrue(Files.exists(tmp.resolve("exp/000000000030.jpg")), r.output());
    }

    @Test
    @Timeout(300)
    void aFolderWithoutLibtorchFailsNamingTheSetting() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        // The launcher checks what it can on this host ...
        Scripts.Result launcher = run(Map.of(), List.of("bin/spark-yolo", "--torch-lib", empty.toString(), "export"));
        assertNotEquals(0, launcher.code(), launcher.output());
        assertTrue(launcher.output().contains("--torch-lib " + empty + ": no libtorch.so in that folder"), launcher.output());
        // ... and the JVM itself, where the setting comes from the environment (as on a cluster's nodes).
        Scripts.Result jvm = run(Map.of("PYTORCH_LIBRARY_PATH", empty.toString()), List.of("bin/spark-yolo", "detect",
                "--weights", "missing.pt", "--source", "data/coco-sample/images", "--project", tmp.toString()));
        assertEquals(2, jvm.code(), jvm.output());
        assertTrue(jvm.output().contains("PYTORCH_LIBRARY_PATH=" + empty + ": no libtorch.so in that folder"), jvm.output());
    }
}
