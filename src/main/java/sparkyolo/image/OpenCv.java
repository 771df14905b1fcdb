package sparkyolo.image;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opencv.core.Core;

/** Loads the OpenCV natives bundled in the openpnp jar, once per JVM, without network access. */
public final class OpenCv {
    private static final Logger LOG = LogManager.getLogger(OpenCv.class);
    private static volatile boolean loaded;

    private OpenCv() {
    }

    /** Idempotent and thread-safe; call before any other OpenCV use (Spark executors included). */
    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (OpenCv.class) {
            if (!loaded) {
                long start = System.nanoTime();
                nu.pattern.OpenCV.loadLocally();
                // As the original (cv2.setNumThreads(0)): image work is parallel across loader threads and
                // Spark tasks already; OpenCV's own pool would compete with them and with libtorch.
                Core.setNumThreads(0);
                loaded = true;
                LOG.debug("OpenCV {} natives loaded in {} ms", Core.VERSION, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
