package sparkyolo.data.augment;

import java.util.List;
import java.util.Locale;
import sparkyolo.data.ImageRecord;
import sparkyolo.image.ImageResize;

/**
 * What caching a training set takes: its images at the training size, as the original's
 * {@code load_image} resizes them (the long side to {@code imgSize}), 3 bytes a pixel. Every
 * replica may load any image (each epoch reshuffles the order, and a mosaic draws its other three
 * images from the whole set), so each executor needs room for all of them, as each of the
 * original's DDP ranks caches the whole set.
 */
public record ImageCacheNeed(int images, long bytes, int imgSize) {
    public static ImageCacheNeed of(List<ImageRecord> records, int imgSize) {
        long bytes = 0;
        for (ImageRecord r : records) {
            int[] hw = ImageResize.resizedShape(r.height(), r.width(), imgSize);
            bytes += 3L * hw[0] * hw[1];
        }
        return new ImageCacheNeed(records.size(), bytes, imgSize);
    }

    /** {@code 3.2GB} as the original prints it, or {@code 118MB} below a gigabyte. */
    public static String gb(long bytes) {
        return bytes < 1e9 ? String.format(Locale.ROOT, "%.0fMB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1fGB", bytes / 1e9);
    }

    /** {@code 128 images at --img 640}. */
    public String describe() {
        return images + " images at --img " + imgSize;
    }
}
