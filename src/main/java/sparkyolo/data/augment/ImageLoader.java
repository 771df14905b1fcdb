package sparkyolo.data.augment;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.opencv.core.Mat;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageResize;

/**
 * Reads, decodes and resizes dataset images (the original's {@code load_image()}), or takes them
 * from an {@link ImageCache}, which keeps what was loaded. An image that does not decode is
 * replaced by the next index in dataset order, wrapping around, that does: the rule uses no random
 * draw, so it leaves the sample's other draws unchanged.
 */
final class ImageLoader {
    private final ImageSource source;
    private final int imgSize;
    private final boolean augment;
    private final BadImages bad;
    private final ImageCache cache;

    /** @param cache the images loaded before, at this size and with this resize; null for none */
    ImageLoader(ImageSource source, int imgSize, boolean augment, BadImages bad, ImageCache cache) {
        this.source = source;
        this.imgSize = imgSize;
        this.augment = augment;
        this.bad = bad;
        this.cache = cache;
    }

    /** @throws UncheckedIOException naming the image when it cannot be read (I/O, not decoding) */
    LoadedImage load(int index) {
        int n = source.size();
        for (int k = 0; k < n; k++) {
            int i = (index + k) % n;
            if (bad.isBad(i)) {
                continue;
            }
            Mat image = cache == null ? null : cache.get(i);
            if (image == null) {
                image = decodeAndResize(i);
            }
            if (image != null) {
                if (k > 0) {
                    bad.countReplacement();
                }
                return new LoadedImage(i, source.name(i), image, source.labels(i));
            }
        }
        throw new IllegalStateException("none of the " + n + " images decodes");
    }

    /** The loaded image (kept in the cache), or null after recording it as bad. */
    private Mat decodeAndResize(int i) {
        Mat decoded = decode(i);
        if (decoded == null) {
            return null;
        }
        ImageResize.Result r = ImageResize.loadImageResize(decoded, imgSize, augment);
        if (r.image() != decoded) {
            decoded.release();
        }
        if (cache != null) {
            cache.put(i, r.image());
        }
        return r.image();
    }

    /** The decoded image, or null after recording it as bad. */
    private Mat decode(int i) {
        String name = source.name(i);
        byte[] bytes;
        try {
            bytes = source.bytes(i);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        try {
            return ImageDecoder.decode(bytes, name);
        } catch (BadImageException e) {
            bad.add(i, name, e.reason().description());
            return null;
        }
    }
}
