package sparkyolo.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts DJL's PyTorch engine the way SparkYOLO needs it: natives from the jar on the classpath
 * (never downloaded) or the node's own libtorch named by {@code PYTORCH_LIBRARY_PATH} (checked by
 * {@link TorchLibrary}), a writable cache directory, and a fixed number of compute threads.
 */
public final class Engines {
    private static final Logger LOG = LogManager.getLogger(Engines.class);
    private static volatile Engine engine;
    private static volatile TorchLibrary.Loaded library;

    private Engines() {
    }

    /**
     * Returns the PyTorch engine, starting it on first use, and sets {@code threads} intra-op
     * threads for the calling thread (0 keeps the default or the {@code ai.djl.pytorch.num_threads}
     * property).
     */
    public static Engine pytorch(int threads) {
        Engine e = engine == null ? start(threads) : engine;
        if (threads > 0) {
            // libtorch's OpenMP thread count is per thread: a Spark task thread would otherwise use
            // every core (and multi-threaded kernels make results depend on scheduling).
            JniUtils.setNumThreads(threads);
        }
        return e;
    }

    private static Engine start(int threads) {
        synchronized (Engines.class) {
            if (engine == null) {
                System.setProperty("ai.djl.offline", "true");
                if (threads > 0) {
                    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                }
                System.setProperty("ai.djl.pytorch.num_interop_threads",
                        System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
                if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                    System.setProperty("DJL_CACHE_DIR",
                            Path.of(System.getProperty("user.home"), ".djl.ai").toString());
                }
                TorchLibrary.Choice choice = TorchLibrary.configure();
                long t0 = System.nanoTime();
                Engine started = Engine.getEngine("PyTorch");
                library = TorchLibrary.verify(choice, started);
                TorchLogLevel.apply();
                engine = started;
                String os = System.getProperty("os.name");
                LOG.info("PyTorch engine {} ready in {} ms ({} threads): {}; {}", engine.getVersion(),
                        (System.nanoTime() - t0) / 1_000_000, System.getProperty("ai.djl.pytorch.num_threads", "default"),
                        library.describe(), MallocSettings.describe(System.getenv(), os));
                String advice = MallocSettings.advice(System.getenv(), os);
                if (advice != null) {
                    LOG.warn(advice);
                }
            }
            return engine;
        }
    }

    public static Engine pytorch() {
        return pytorch(0);
    }

    /** The libtorch the engine loaded (starting the engine if needed). */
    public static TorchLibrary.Loaded library() {
        pytorch();
        return library;
    }

    /**
     * Runs {@code body} with libtorch autograd recording off on this thread (Spark task threads
     * start with it on), restoring the previous mode afterwards.
     */
    public static <T> T withoutGrad(java.util.function.Supplier<T> body) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
