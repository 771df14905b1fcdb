package sparkyolo.train;

import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import sparkyolo.data.ImageRecord;
import sparkyolo.data.augment.CacheMode;
import sparkyolo.data.augment.ImageCache;
import sparkyolo.data.augment.ImageCacheNeed;
import sparkyolo.data.augment.ImageCaches;

/**
 * {@code train --cache}: what the image cache needs, stated on the driver before the first epoch,
 * and each executor's cache, made by its first replica task of the run and kept by its later ones
 * until the next run's replaces it or the executor ends (the driver's own, in local mode, when the
 * run ends). A disk cache lives in the executor's Spark local directory (spark.local.dir, or the
 * cluster manager's local dirs), which Spark deletes when the executor ends.
 */
final class TrainImageCache {
    private static final Logger LOG = LogManager.getLogger(TrainImageCache.class);

    private TrainImageCache() {
    }

    /**
     * On the driver, before the run directory is made: logs what caching takes; in local mode, where
     * this JVM is the executor, also checks that it fits.
     *
     * @param train the usable training images
     * @throws sparkyolo.util.InvalidOptionException naming --cache when it does not fit
     */
    static void announce(SparkContext sc, TrainOptions options, List<ImageRecord> train) {
        if (options.cache() == CacheMode.NONE) {
            return;
        }
        ImageCacheNeed need = ImageCacheNeed.of(train, options.imgSize());
        LOG.info("Caching images ({} {}): {}, in {}", ImageCacheNeed.gb(need.bytes()), options.cache(),
                need.describe(), options.cache() == CacheMode.RAM ? "each executor's heap" : "each executor's local disk");
        if (sc.isLocal()) {
            ImageCaches.checkFits(options.cache(), need, loaderReserve(options), diskDir("check"));
        }
    }

    /**
     * In a replica's task: this executor's cache of the run's training images at its image size, or
     * null without --cache.
     *
     * @throws sparkyolo.util.InvalidOptionException naming --cache when it does not fit
     */
    static ImageCache open(TrainOptions options, Broadcast<List<ImageRecord>> data) {
        if (options.cache() == CacheMode.NONE) {
            return null;
        }
        String key = key(SparkEnv.get().conf().getAppId(), data, options);
        return ImageCaches.open(key, options.cache(), ImageCacheNeed.of(data.value(), options.imgSize()),
                loaderReserve(options), diskDir(key));
    }

    /** On the driver when the run ends: releases the cache it holds itself (local mode). */
    static void release(SparkContext sc, TrainOptions options, Broadcast<List<ImageRecord>> data) {
        if (options.cache() != CacheMode.NONE) {
            ImageCaches.release(key(sc.applicationId(), data, options));
        }
    }

    /** The broadcast of the training images is made once per run (and Spark application): same key, same images. */
    private static String key(String appId, Broadcast<List<ImageRecord>> data, TrainOptions options) {
        return appId + "/" + data.id() + "/" + options.imgSize() + "/" + options.cache();
    }

    /**
     * Heap for the batches a replica's loaders build beside the cache: up to 2 per loader thread
     * ahead, plus the one in training, each of a replica's share of images as float32 CHW.
     */
    static long loaderReserve(TrainOptions options) {
        int share = (options.batchSize() + Math.max(1, options.replicas()) - 1) / Math.max(1, options.replicas());
        if (options.microBatch() > 0) {
            share = Math.min(share, options.microBatch());
        }
        int loaders = Math.max(1, options.workers());
        return (2L * loaders + 1) * share * 3L * options.imgSize() * options.imgSize() * Float.BYTES;
    }

    private static Path diskDir(String key) {
        java.io.File root = SparkEnv.get().blockManager().diskBlockManager().localDirs()[0];
        return root.toPath().resolve("sparkyolo-image-cache-" + Integer.toHexString(key.hashCode()));
    }
}
