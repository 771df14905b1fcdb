package sparkyolo.data.augment;

import java.util.concurrent.atomic.AtomicLong;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Decoded, load-resized images of one training set at one image size (the original's
 * {@code load_image} results), kept across epochs by dataset index. Pixels go in and come out
 * unchanged, so samples are the same with or without a cache. Thread-safe.
 */
public abstract class ImageCache implements AutoCloseable {
    /** BGR uint8 pixels of one image, row-major. */
    record Pixels(int height, int width, byte[] bgr) {
        long bytes() {
            return bgr.length;
        }
    }

    /** Counts of a cache's use. */
    public record Stats(long images, long bytes, long hits, long misses) {
    }

    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong images = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean closed;

    /** The image at {@code index} as a new Mat owned by the caller, or null when it is not cached. */
    final Mat get(int index) {
        Pixels p = closed ? null : load(index);
        if (p == null) {
            misses.incrementAndGet();
            return null;
        }
        hits.incrementAndGet();
        Mat m = new Mat(p.height(), p.width(), CvType.CV_8UC3);
        m.put(0, 0, p.bgr());
        return m;
    }

    /** Keeps a copy of {@code image} (BGR uint8, as loaded) for {@code index}. */
    final void put(int index, Mat image) {
        if (closed) {
            return;
        }
        Mat continuous = image.isContinuous() ? image : image.clone();
        byte[] bgr = new byte[Math.toIntExact(continuous.total() * continuous.channels())];
        continuous.get(0, 0, bgr);
        if (continuous != image) {
            continuous.release();
        }
        Pixels p = new Pixels(image.rows(), image.cols(), bgr);
        if (store(index, p)) {
            images.incrementAndGet();
            bytes.addAndGet(p.bytes());
        }
    }

    public Stats stats() {
        return new Stats(images.get(), bytes.get(), hits.get(), misses.get());
    }

    /** What this cache is and where it keeps the images, for messages. */
    public abstract String describe();

    /** The stored pixels of {@code index}, or null. */
    abstract Pixels load(int index);

    /** @return whether {@code index} was newly stored (false when another thread stored it first) */
    abstract boolean store(int index, Pixels pixels);

    boolean isClosed() {
        return closed;
    }

    /** Releases what the cache holds; afterwards it neither returns nor keeps images. */
    @Override
    public void close() {
        closed = true;
        release();
    }

    abstract void release();
}
