package sparkyolo.data.augment;

import java.util.Objects;
import org.opencv.core.Mat;
import sparkyolo.image.Letterbox;
import sparkyolo.image.OpenCv;

/**
 * The original's {@code LoadImagesAndLabels.__getitem__} (YOLOv5 v6.2, rectangular batches off).
 *
 * <p>With augmentation: with probability {@code mosaic} a {@link Mosaic} (then with probability
 * {@code mixup} a {@link MixUp} with a second mosaic), otherwise the resized image letterboxed
 * to img_size (upscaling allowed) and {@link RandomPerspective} without border; then labels
 * normalized and clipped, {@link HsvAugment}, up-down flip, left-right flip. Every draw comes
 * from {@link SampleRandom#of(long, int, int)}, so a sample depends on (run seed, epoch, index)
 * only.
 *
 * <p>Without augmentation: the resized image (INTER_AREA when shrinking) letterboxed to
 * img_size without upscaling; nothing is drawn. Thread-safe.
 */
public final class SampleFactory {
    private final ImageSource source;
    private final int imgSize;
    private final boolean augment;
    private final AugmentParams params;
    private final long runSeed;
    private final BadImages bad = new BadImages();
    private final ImageLoader loader;
    private final RandomPerspective perspective;
    private final Mosaic mosaic;

    public SampleFactory(ImageSource source, int imgSize, boolean augment, AugmentParams params, long runSeed) {
        this(source, imgSize, augment, params, runSeed, null);
    }

    /**
     * @param cache keeps the loaded images of {@code source} at {@code imgSize} across epochs (it
     *              does not change any sample); null for none
     */
    public SampleFactory(ImageSource source, int imgSize, boolean augment, AugmentParams params, long runSeed,
            ImageCache cache) {
        if (source.size() == 0) {
            throw new IllegalArgumentException("no images");
        }
        OpenCv.ensureLoaded();
        this.source = source;
        this.imgSize = imgSize;
        this.augment = augment;
        this.params = params;
        this.runSeed = runSeed;
        this.loader = new ImageLoader(source, imgSize, augment, bad, cache);
        this.perspective = new RandomPerspective(params);
        this.mosaic = new Mosaic(loader, source.size(), imgSize, perspective);
    }

    /** Validation-like samples: no augmentation, letterbox without upscaling. */
    public static SampleFactory plain(ImageSource source, int imgSize) {
        return new SampleFactory(source, imgSize, false, AugmentParams.none(), 0);
    }

    /** @throws SampleException naming the image when it cannot be read */
    public Sample sample(int epoch, int index) {
        Objects.checkIndex(index, source.size());
        try {
            return augment ? augmented(epoch, index) : finish(index, letterboxed(loader.load(index)));
        } catch (RuntimeException e) {
            throw new SampleException(epoch, index, source.name(index), e);
        }
    }

    private Sample augmented(int epoch, int index) {
        SampleRandom rng = SampleRandom.of(runSeed, epoch, index);
        LabelledImage img;
        if (rng.chance(params.mosaic())) {
            img = mosaic.load(index, rng);
            if (rng.chance(params.mixup())) {
                LabelledImage other = mosaic.load(rng.index(source.size()), rng);
                img = MixUp.blend(img, other, rng.beta(MixUp.ALPHA, MixUp.ALPHA));
            }
        } else {
            img = perspective.apply(letterboxed(loader.load(index)), 0, rng);
        }
        Sample s = finish(index, img);
        Mat image = s.image();
        float[][] labels = s.labels();
        HsvAugment.apply(image, params.hsvH(), params.hsvS(), params.hsvV(), rng);
        if (rng.chance(params.flipud())) {
            image = Flips.upDown(image, labels);
        }
        if (rng.chance(params.fliplr())) {
            image = Flips.leftRight(image, labels);
        }
        return new Sample(index, s.name(), image, labels);
    }

    /** Letterboxed to img_size × img_size, labels in its pixels; releases the loaded image. */
    private LabelledImage letterboxed(LoadedImage img) {
        int w = img.image().cols();
        int h = img.image().rows();
        Letterbox.Result lb = Letterbox.apply(img.image(), imgSize, false, augment);
        img.image().release();
        double[][] labels = LabelBoxes.toPixelXyxy(img.labels(), lb.ratioW() * w, lb.ratioH() * h, lb.padW(),
                lb.padH());
        return new LabelledImage(lb.image(), labels, img.name());
    }

    private static Sample finish(int index, LabelledImage img) {
        Mat image = img.image();
        return new Sample(index, img.name(), image,
                LabelBoxes.toNormalizedXywh(img.labels(), image.cols(), image.rows()));
    }

    public int imgSize() {
        return imgSize;
    }

    /** The undecodable images met so far, and how often they were replaced. */
    public BadImages badImages() {
        return bad;
    }
}
