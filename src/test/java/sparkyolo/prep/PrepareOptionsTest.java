package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import sparkyolo.util.InvalidOptionException;

class PrepareOptionsTest {
    private static PrepareOptions.Builder yolo() {
        return PrepareOptions.builder(SourceFormat.YOLO, "data.yaml", "out");
    }

    private static void assertRejected(String option, String words, UnaryOperator<PrepareOptions.Builder> change) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> change.apply(yolo()).build());
        assertEquals(option, e.option());
        assertTrue(e.getMessage().startsWith(option + " ") && e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void defaults() {
        PrepareOptions o = yolo().build();
        assertEquals(128, o.mbPerFile());
        assertEquals(0, o.rowsPerFile());
        assertEquals(10, o.minSize());
        assertEquals(0, o.maxSide());
        assertEquals(95, o.jpegQuality());
        assertNull(o.split());
        assertTrue(o.keepSourceSplits());
        assertEquals("yolov5s.yaml", o.anchorModel());
        assertEquals(640, o.anchorImgSize());
    }

    @Test
    void eachBadValueNamesItsOption() {
        assertRejected("--source", "required", b -> PrepareOptions.builder(SourceFormat.YOLO, " ", "out"));
        assertRejected("--output", "required", b -> PrepareOptions.builder(SourceFormat.YOLO, "data.yaml", null));
        assertRejected("--format", "required", b -> PrepareOptions.builder(null, "data.yaml", "out"));
        assertRejected("--images", "applies only to --format coco", b -> b.images("imgs"));
        assertRejected("--rows-per-file", "must not be negative", b -> b.rowsPerFile(-1));
        assertRejected("--mb-per-file", "must not be negative", b -> b.mbPerFile(-2));
        assertRejected("--rows-per-file", "exactly one of", b -> b.mbPerFile(0));
        assertRejected("--min-size", "must not be negative", b -> b.minSize(-1));
        assertRejected("--max-side", "must be positive", b -> b.maxSide(-5));
        assertRejected("--max-side", "below --min-size 10", b -> b.maxSide(8));
        assertRejected("--jpeg-quality", "1-100", b -> b.jpegQuality(0));
        assertRejected("--jpeg-quality", "1-100", b -> b.jpegQuality(101));
        assertRejected("--coco-split", "train, val or test", b -> b.cocoSplit("dev"));
        assertRejected("--class-map", "must not be blank", b -> b.classMap(Map.of("cat", " ")));
        assertRejected("--anchor-img", "at least 32", b -> b.anchorImgSize(16));
        assertRejected("--anchor-cfg", "required", b -> b.anchorModel(""));
        assertRejected("--seed", "must be in [0, 4294967295]", b -> b.seed(-1));
        assertRejected("--seed", "must be in [0, 4294967295]", b -> b.seed(1L << 32));
    }

    @Test
    void cocoNeedsItsImageFolder() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> PrepareOptions.builder(SourceFormat.COCO, "instances.json", "out").build());
        assertEquals("--images", e.option());
        assertEquals("imgs", PrepareOptions.builder(SourceFormat.COCO, "instances.json", "out").images("imgs").build().images());
    }

    @Test
    void splitRatiosParseAndValidate() {
        assertEquals(new SplitRatios(0.8, 0.1, 0.1), SplitRatios.parse("0.8, 0.1, 0.1"));
        assertEquals(new SplitRatios(0.9, 0.1, 0), SplitRatios.parse("0.9,0.1"));
        for (String bad : new String[] {"0.8", "0.5,0.2", "a,b", "1.2,-0.2", "0,1,0", "0.5,0.25,0.25,0"}) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> SplitRatios.parse(bad), bad);
            assertEquals("--split", e.option());
        }
    }

    @Test
    void formatsParseByName() {
        assertEquals(SourceFormat.VOC, SourceFormat.parse(" Voc "));
        assertEquals("--format", assertThrows(InvalidOptionException.class, () -> SourceFormat.parse("kitti")).option());
    }
}
