package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparkyolo.hyp.Hyp;

/** Under each transform alone and the full pipeline, the output labels box the pixels of their rectangles. */
class BoxesFollowPixelsTest {
    private static final int SIZE = 320;
    private static final long SEED = 7;
    private static final int EPOCHS = 2;
    /** Resampling leaves partly grey pixels along rectangle edges; allowed on derived purity bounds. */
    private static final double EDGE_LOSS = 0.9;
    /** Pixels a box edge may be off its rectangle's pixel bounds (bilinear resampling at up to 1.5× scale). */
    private static final double EDGE_TOL = 3;
    /** Rectangle aspect ratios h / w in {@link Scenes}. */
    private static final double[] ASPECTS = {96 / 120.0, 120 / 96.0, 1.0};

    private static final ImageSource SOURCE = Scenes.source();

    static Stream<Arguments> transforms() {
        Hyp low = Hyp.defaults();
        double rotation = PurityBounds.rotationAndShear(10, 0, ASPECTS) * EDGE_LOSS;
        double shear = PurityBounds.rotationAndShear(0, 5, ASPECTS) * EDGE_LOSS;
        double both = PurityBounds.rotationAndShear(10, 5, ASPECTS) * EDGE_LOSS;
        double perspective = PurityBounds.perspective(0.0005, SIZE, letterboxedRects()) * EDGE_LOSS;
        return Stream.of(
                Arguments.of("letterbox only", AugmentParams.none(), 0.8, true),
                Arguments.of("mosaic", TestParams.only("mosaic", 1), 0.8, true),
                Arguments.of("rotation", TestParams.only("degrees", 10), rotation, false),
                Arguments.of("scale", TestParams.only("scale", 0.5), 0.8, true),
                Arguments.of("shear", TestParams.only("shear", 5), shear, false),
                Arguments.of("translate", TestParams.only("translate", 0.2), 0.8, true),
                Arguments.of("perspective", TestParams.only("perspective", 0.0005), perspective, false),
                Arguments.of("flip up-down", TestParams.only("flipud", 1), 0.8, true),
                Arguments.of("flip left-right", TestParams.only("fliplr", 1), 0.8, true),
                Arguments.of("mixup", TestParams.only("mosaic", 1, "mixup", 1), 0.8, true),
                Arguments.of("mosaic with rotation and shear", TestParams.only("mosaic", 1, "degrees", 10, "shear", 5),
                        both, false),
                Arguments.of("full pipeline, hyp.scratch-low", AugmentParams.of(low), 0.8, true),
                Arguments.of("full pipeline, all on", AugmentParams.of(low.with("degrees", 10).with("shear", 5)
                        .with("flipud", 0.5).with("mixup", 1)), both, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void boxesFollowThePixels(String transform, AugmentParams params, double minPurity, boolean axisAligned) {
        SampleFactory samples = new SampleFactory(SOURCE, SIZE, true, params, SEED);
        double scale = 1 + params.scale();
        // box_candidates drops a box left with under 10% of its (scaled) area; tiles are halved to 320.
        double dropped = 0.1 * Scenes.MAX_RECT_AREA / 4 * scale * scale * 1.3;
        BoxPixelCheck.Tolerance tol = new BoxPixelCheck.Tolerance(minPurity, EDGE_TOL, dropped, axisAligned);
        int boxes = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int index = 0; index < SOURCE.size(); index++) {
                Sample s = samples.sample(epoch, index);
                BoxPixelCheck.check(s.image(), s.labels(), tol, transform + ", epoch " + epoch + ", image " + index);
                boxes += s.labels().length;
                s.release();
            }
        }
        assertTrue(boxes >= EPOCHS * SOURCE.size(), transform + ": only " + boxes + " boxes in all samples");
    }

    @Test
    void validationPathLetterboxesWithoutAugmentation() {
        SampleFactory samples = SampleFactory.plain(SOURCE, SIZE);
        BoxPixelCheck.Tolerance tol = new BoxPixelCheck.Tolerance(0.8, EDGE_TOL, 0, true);
        for (int index = 0; index < SOURCE.size(); index++) {
            Sample s = samples.sample(0, index);
            BoxPixelCheck.check(s.image(), s.labels(), tol, "image " + index);
            s.release();
        }
    }

    /** The scene rectangles in the 320×320 letterbox of a 640×480 image: halved, 40 rows of padding above. */
    private static double[][] letterboxedRects() {
        int n = Scenes.SCENES * 3;
        double[][] out = new double[n][];
        int i = 0;
        for (int k = 0; k < Scenes.SCENES; k++) {
            for (Scenes.Rect r : Scenes.scene(k).rects()) {
                out[i++] = new double[] {r.x1() / 2.0, r.y1() / 2.0 + 40, r.x2() / 2.0, r.y2() / 2.0 + 40};
            }
        }
        return out;
    }
}
