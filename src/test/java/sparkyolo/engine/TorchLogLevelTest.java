package sparkyolo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** libtorch's warnings are off once the engine has started, unless TORCH_CPP_LOG_LEVEL asks for them. */
class TorchLogLevelTest {
    @Test
    void theStartedEngineLogsErrorsOnly() {
        Engines.pytorch();
        Path libc10 = Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("c10"));
        int level = NativeLibrary.getInstance(libc10.toString()).getGlobalVariableAddress("FLAGS_caffe2_log_level")
                .getInt(0);
        assertEquals(TorchLogLevel.parse(System.getenv(TorchLogLevel.VARIABLE)), level);
        if (System.getenv(TorchLogLevel.VARIABLE) == null) {
            assertEquals(2, level, "c10's ERROR");
        }
    }

    @Test
    void readsTheVariableAsC10Does() {
        assertEquals(0, TorchLogLevel.parse("INFO"));
        assertEquals(1, TorchLogLevel.parse("warning"));
        assertEquals(1, TorchLogLevel.parse("1"));
        assertEquals(3, TorchLogLevel.parse(" FATAL "));
        assertEquals(2, TorchLogLevel.parse(null));
        assertEquals(2, TorchLogLevel.parse("loud"), "unreadable: ERROR");
    }
}
