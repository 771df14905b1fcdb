package sparkyolo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MallocSettingsTest {
    @Test
    void theNamesAreThoseTheLaunchersSet() throws IOException {
        Properties conf = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("conf/jvm-options.properties"))) {
            conf.load(in);
        }
        TreeSet<String> launcherNames = new TreeSet<>();
        for (String key : conf.stringPropertyNames()) {
            if (key.startsWith("malloc.")) {
                launcherNames.add(key.substring("malloc.".length()));
            }
        }
        assertEquals(new TreeSet<>(MallocSettings.NAMES), launcherNames);
        assertEquals("0", conf.getProperty("malloc.MALLOC_MMAP_MAX_"));
    }

    @Test
    void glibcDefaultsOnLinuxAreNamedAndExplained() {
        Map<String, String> none = Map.of();
        assertEquals("glibc malloc defaults", MallocSettings.describe(none, "Linux"));
        String advice = MallocSettings.advice(none, "Linux");
        assertTrue(advice.contains("bin/spark-yolo") && advice.contains("conf/jvm-options.properties"), advice);
    }

    @Test
    void theLaunchersSettingsOrAnotherOsNeedNoAdvice() {
        Map<String, String> launched = Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_MAX_", "0");
        assertNull(MallocSettings.advice(launched, "Linux"));
        assertTrue(MallocSettings.describe(launched, "Linux").contains("keeps freed memory"));
        assertNull(MallocSettings.advice(Map.of(), "Mac OS X"));
        assertEquals("malloc of Mac OS X", MallocSettings.describe(Map.of(), "Mac OS X"));
    }
}
