package sparkyolo.engine;

import java.util.List;
import java.util.Map;

/**
 * Whether this process runs with the glibc malloc settings that the launchers give every driver
 * and executor ({@code malloc.*} in conf/jvm-options.properties): one arena, no mapped blocks, no
 * trimming, so that libtorch reuses a batch's memory for the next instead of page-faulting it anew.
 * They can only be set before a process starts, so a JVM started some other way is told how.
 */
public final class MallocSettings {
    /** The variables the launchers set (conf/jvm-options.properties, {@code malloc.NAME=VALUE}). */
    public static final List<String> NAMES = List.of("MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_");

    private MallocSettings() {
    }

    /** True where glibc's defaults do not apply: another OS, or large blocks kept in the heap. */
    static boolean applied(Map<String, String> env, String osName) {
        return !osName.startsWith("Linux") || "0".equals(env.get("MALLOC_MMAP_MAX_"));
    }

    /** For the engine's start line. */
    static String describe(Map<String, String> env, String osName) {
        if (!osName.startsWith("Linux")) {
            return "malloc of " + osName;
        }
        return applied(env, osName) ? "glibc malloc keeps freed memory (MALLOC_MMAP_MAX_=0)" : "glibc malloc defaults";
    }

    /** What to do about glibc's defaults, or null when they do not apply. */
    static String advice(Map<String, String> env, String osName) {
        return applied(env, osName) ? null
                : "glibc malloc runs with its defaults here: libtorch's large tensors are mapped and unmapped at every"
                        + " batch (YOLOv5s at 640 trains about 4x slower). Start drivers and executors through bin/spark-yolo"
                        + " or submit/*.sh, or give them the malloc.* settings of conf/jvm-options.properties as environment"
                        + " variables (spark.executorEnv.NAME=VALUE; see docs/cluster.md)";
    }
}
