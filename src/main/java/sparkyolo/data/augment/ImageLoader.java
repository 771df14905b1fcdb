package sparkyolo.data.augment;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.opencv.core.Mat;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageResize;

/**
 * Reads, decodes and resizes dataset images (the original's {@code load_image()}). An image that
 * does not decode is replaced by the next index in dataset order, wrapping around, that does:
 * the rule uses no random draw, so it leaves the sample's other draws unchanged.
 */
final class ImageLoader {
    private final ImageSource source;
    private final int imgSize;
    private final boolean augment;
    private final BadImages bad;

    ImageLoader(ImageSource source, int imgSize, boolean augment, BadImages bad) {
        this.source = source;
        this.imgSize = imgSize;
        this.augment = augment;
        this.bad = bad;
    }

    /** @throws UncheckedIOException naming the image when it cannot be read (I/O, not decoding) */
    LoadedImage load(int index) {
        int n = source.size();
        for (int k = 0; k < n; k++) {
            int i = (index + k) % n;
            if (bad.isBad(i)) {
                continue;
            }
            Mat decoded = decode(i);
            if (decoded != null) {
                if (k > 0) {
                    bad.countReplacement();
                }
                ImageResize.Result r = ImageResize.loadImageResize(decoded, imgSize, augment);
                if (r.image() != decoded) {
                    decoded.release();
                }
                return new LoadedImage(i, source.name(i), r.image(), r.h0(), r.w0(), source.labels(i));
            }
        }
        throw new IllegalStateException("none of the " + n + " images decodes");
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
