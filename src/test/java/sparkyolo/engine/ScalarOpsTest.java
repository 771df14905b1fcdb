package sparkyolo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.FreedMemory;

/**
 * Constants in an autograd graph must outlive the Java objects that made them: the garbage
 * collector runs between forward and backward, and the freed memory is reused.
 */
class ScalarOpsTest {

    @Test
    void gradientsThroughConstantsSurviveAGarbageCollectionBeforeBackward() {
        float[] w = {1f, -2f, 3f};
        // d/dw of sum(f(w)), derived by hand: 3; 1/4; 2w; [w > 0.5]
        assertArrayEquals(new float[] {3f, 3f, 3f}, gradientAfterGc(w, x -> ScalarOps.mul(x, 3f)));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, gradientAfterGc(w, x -> ScalarOps.div(x, 4f)));
        assertArrayEquals(new float[] {2f, -4f, 6f}, gradientAfterGc(w, x -> ScalarOps.pow(x, 2f)));
        assertArrayEquals(new float[] {1f, 0f, 1f}, gradientAfterGc(w, x -> ScalarOps.maximum(x, 0.5f)));
        assertArrayEquals(new float[] {-1f, -1f, -1f}, gradientAfterGc(w, x -> ScalarOps.subFrom(1f, x)));
    }

    private static float[] gradientAfterGc(float[] values, UnaryOperator<NDArray> f) {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray w = m.create(values);
            Autograd.requireGradients(List.of(w));
            Autograd.zeroGradients(List.of(w));
            NDArray loss = Autograd.recording(() -> f.apply(w).sum());
            FreedMemory.collectAndReuse();
            Autograd.backward(loss);
            return Autograd.gradient(w, m).toFloatArray();
        }
    }
}
