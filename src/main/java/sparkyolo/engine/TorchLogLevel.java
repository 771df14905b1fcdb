package sparkyolo.engine;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * libtorch's own log level. Its c10 logger writes warnings straight to standard error: on CPUs
 * that NNPACK does not support, {@code Could not initialize NNPACK! Reason: Unsupported hardware.}
 * at every convolution call, and once the deprecation of {@code AutoNonVariableTypeMode}, which
 * DJL's JNI uses. c10 reads {@code TORCH_CPP_LOG_LEVEL} only in {@code c10::initLogging()}, which
 * PyTorch's Python module calls and DJL does not, so the variable alone changes nothing here. This
 * sets c10's level ({@code FLAGS_caffe2_log_level}, an exported int of libc10) once the engine has
 * loaded it: {@code TORCH_CPP_LOG_LEVEL} when set (INFO, WARNING, ERROR, FATAL or 0 to 3, as c10
 * reads it), else ERROR.
 */
final class TorchLogLevel {
    static final String VARIABLE = "TORCH_CPP_LOG_LEVEL";
    /** c10's severities, in order from 0. */
    private static final String[] LEVELS = {"INFO", "WARNING", "ERROR", "FATAL"};
    private static final int DEFAULT = 2;
    private static final Logger LOG = LogManager.getLogger(TorchLogLevel.class);

    private TorchLogLevel() {
    }

    /** Sets c10's level in the loaded libc10 (call after the engine has started). */
    static void apply() {
        int level = parse(System.getenv(VARIABLE));
        try {
            Path libc10 = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
            NativeLibrary.getInstance(libc10.toString()).getGlobalVariableAddress("FLAGS_caffe2_log_level")
                    .setInt(0, level);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("libtorch's log level left as it is: {}", e.toString());
        }
    }

    /** c10's level for a value of {@value #VARIABLE}; unset or unreadable: ERROR. */
    static int parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < LEVELS.length; i++) {
            if (v.equals(LEVELS[i]) || v.equals(Integer.toString(i))) {
                return i;
            }
        }
        LOG.warn("{}={} is not INFO, WARNING, ERROR, FATAL or 0 to 3; using ERROR", VARIABLE, value);
        return DEFAULT;
    }
}
