package sparkyolo.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** build_targets of the original against build_targets.npz. */
class TargetAssignerParityTest {
    static LossFixtures fx;

    @BeforeAll
    static void load() throws IOException {
        fx = new LossFixtures();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x_img", "x_rand"})
    void assignmentMatchesReference(String x) {
        long[] grids = fx.buildTargets.get(x + "_grid_shapes").toLongs();
        int[][] gridShapes = new int[3][];
        for (int i = 0; i < 3; i++) {
            gridShapes[i] = new int[] {(int) grids[2 * i], (int) grids[2 * i + 1]};
        }
        List<LevelTargets> levels = new TargetAssigner(fx.anchors, 4.0).assign(fx.targets(x), gridShapes);
        assertEquals(3, levels.size());
        for (int i = 0; i < 3; i++) {
            String key = x + "_layer" + i + "_";
            LevelTargets t = levels.get(i);
            long[] cls = fx.buildTargets.get(key + "tcls").toLongs();
            assertEquals(cls.length, t.size(), key + " rows");
            assertArrayEquals(cls, toLongs(t.cls()), key + "tcls");
            assertArrayEquals(fx.buildTargets.get(key + "indices").toLongs(), indices(t), key + "indices");
            assertClose(fx.buildTargets.get(key + "tbox").toFloats(), t.box(), key + "tbox");
            assertClose(fx.buildTargets.get(key + "anch").toFloats(), t.anchorWh(), key + "anch");
        }
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k];
        }
        return out;
    }

    private static long[] indices(LevelTargets t) {
        long[] out = new long[t.size() * 4];
        for (int k = 0; k < t.size(); k++) {
            out[4 * k] = t.image()[k];
            out[4 * k + 1] = t.anchor()[k];
            out[4 * k + 2] = t.gridY()[k];
            out[4 * k + 3] = t.gridX()[k];
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float max = 0;
        for (int k = 0; k < expected.length; k++) {
            max = Math.max(max, Math.abs(expected[k] - actual[k]));
        }
        assertTrue(max <= 1e-5, what + " max abs diff " + max);
    }
}
