package sparkyolo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradients through libtorch's thread-local grad mode, without DJL's GradientCollector. */
class AutogradTest {

    @Test
    void backwardAccumulatesUntilZeroed() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f, 3f});
            NDArray unused = m.create(new float[] {5f});
            List<NDArray> params = List.of(w, unused);
            Autograd.requireGradients(params);
            Autograd.zeroGradients(params);
            // d/dw sum(w²) = 2w
            Autograd.backward(Autograd.recording(() -> w.mul(w).sum()));
            assertArrayEquals(new float[] {2f, -4f, 6f}, Autograd.gradient(w, m).toFloatArray());
            Autograd.backward(Autograd.recording(() -> w.mul(w).sum()));
            assertArrayEquals(new float[] {4f, -8f, 12f}, Autograd.gradient(w, m).toFloatArray());
            Autograd.zeroGradients(params);
            assertArrayEquals(new float[] {0f, 0f, 0f}, Autograd.gradient(w, m).toFloatArray());
            assertArrayEquals(new float[] {0f}, Autograd.gradient(unused, m).toFloatArray());
        }
    }

    @Test
    void recordingRestoresThePreviousGradMode() {
        Engines.pytorch();
        boolean before = JniUtils.isGradMode();
        try {
            JniUtils.setGradMode(false);
            assertTrue(Autograd.recording(JniUtils::isGradMode));
            assertFalse(JniUtils.isGradMode());
            assertThrows(IllegalStateException.class, () -> Autograd.recording(() -> {
                throw new IllegalStateException("body failed");
            }));
            assertFalse(JniUtils.isGradMode());
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    @Test
    void backwardNeedsAOneElementLoss() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> Autograd.backward(m.create(new float[] {1f, 2f})));
        }
    }
}
