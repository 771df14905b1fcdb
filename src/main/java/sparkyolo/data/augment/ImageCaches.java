package sparkyolo.data.augment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.util.InvalidOptionException;

/**
 * The image cache of this JVM (an executor, or the driver in local mode): one at a time, kept
 * across the epoch tasks of a run and shared by the replicas the JVM runs. Opening one for another
 * run or dataset releases the previous one.
 */
public final class ImageCaches {
    /** The estimate must fit with this margin, as the original's check_cache_ram (10%). */
    static final double MARGIN = 1.1;
    private static final Logger LOG = LogManager.getLogger(ImageCaches.class);
    private static String currentKey;
    private static ImageCache current;

    private ImageCaches() {
    }

    /**
     * This JVM's cache for {@code key}, made (after checking that it fits) when it has none for it.
     *
     * @param key     the run, dataset and image size: an equal key means the same images at the same size
     * @param reserve heap bytes the run needs beside a RAM cache (the batches its loaders build)
     * @param diskDir where a disk cache keeps its files
     * @throws InvalidOptionException naming --cache when the images do not fit
     */
    public static synchronized ImageCache open(String key, CacheMode mode, ImageCacheNeed need, long reserve,
            Path diskDir) {
        if (current != null && currentKey.equals(key)) {
            return current;
        }
        if (current != null) {
            current.close();
            current = null;
            currentKey = null;
        }
        checkFits(mode, need, reserve, diskDir);
        current = mode == CacheMode.RAM ? new RamImageCache(need.images()) : new DiskImageCache(diskDir);
        currentKey = key;
        LOG.info("Image cache ({}) made in this JVM for {} ({})", current.describe(), need.describe(),
                ImageCacheNeed.gb(need.bytes()));
        return current;
    }

    /** Releases this JVM's cache if it is the one for {@code key} (a run that ended). */
    public static synchronized void release(String key) {
        if (current != null && currentKey.equals(key)) {
            current.close();
            current = null;
            currentKey = null;
        }
    }

    /**
     * Fails unless {@code need} (with a 10% margin) fits in this JVM's free heap beside
     * {@code reserve} ({@code ram}), or in the free space of {@code diskDir}'s file system ({@code disk}).
     *
     * @throws InvalidOptionException naming --cache, the sizes and what to change
     */
    public static void checkFits(CacheMode mode, ImageCacheNeed need, long reserve, Path diskDir) {
        long wanted = (long) (need.bytes() * MARGIN);
        if (mode == CacheMode.RAM) {
            long free = freeHeap();
            if (wanted + reserve > free) {
                System.gc(); // garbage counts as used until collected
                free = freeHeap();
            }
            if (wanted + reserve > free) {
                throw new InvalidOptionException("--cache", "ram needs " + ImageCacheNeed.gb(wanted) + " for "
                        + need.describe() + " (+10%), but this JVM has " + ImageCacheNeed.gb(free) + " of free heap"
                        + " beside " + ImageCacheNeed.gb(reserve) + " for the loaders' batches: give executors more"
                        + " memory (spark.executor.memory; spark.driver.memory in local mode) or use --cache disk");
            }
        } else if (mode == CacheMode.DISK) {
            long usable = usableSpace(diskDir);
            if (wanted > usable) {
                throw new InvalidOptionException("--cache", "disk needs " + ImageCacheNeed.gb(wanted) + " for "
                        + need.describe() + " (+10%), but " + diskDir + " has " + ImageCacheNeed.gb(usable)
                        + " free: point spark.local.dir at a larger disk or use --cache ram");
            }
        }
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Free space of the file system that holds {@code dir} (or its nearest existing parent). */
    private static long usableSpace(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("--cache disk: " + dir + ": " + e.getMessage(), e);
        }
    }
}
