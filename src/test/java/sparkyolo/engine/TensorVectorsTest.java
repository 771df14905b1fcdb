package sparkyolo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step's host copies: tensors to and from one flat vector, gradients out, on CPU tensors. */
class TensorVectorsTest {
    @Test
    void valuesGoOutAndBackInOneVector() {
        Engines.pytorch(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = m.create(new float[] {7, 8}, new Shape(2));
            float[] flat = new float[10];
            TensorVectors.copyInto(List.of(a, b), flat, 1);
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0}, flat);
            float[] next = {9, -1, -2, -3, -4, -5, -6, -7, -8, 9};
            TensorVectors.copyFrom(next, 1, List.of(a, b));
            assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, a.toFloatArray());
            assertArrayEquals(new float[] {-7, -8}, b.toFloatArray());
            assertArrayEquals(new long[] {2, 3}, a.getShape().getShape(), "shapes stay");
        }
    }

    @Test
    void theDevicePathOfOneTransferEachWayGivesTheSame() {
        // What a GPU replica does (concatenate on the device, one transfer), run on CPU tensors.
        Engines.pytorch(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
            NDArray b = m.create(new float[] {7, 8, 9}, new Shape(3, 1));
            float[] flat = new float[11];
            TensorVectors.copyIntoAtOnce(List.of(a, b), flat, 2);
            assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, flat);
            float[] next = {0, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9};
            TensorVectors.copyFromAtOnce(next, 2, List.of(a, b));
            assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6}, a.toFloatArray());
            assertArrayEquals(new float[] {-7, -8, -9}, b.toFloatArray());
            assertArrayEquals(new long[] {3, 1}, b.getShape().getShape());
        }
    }

    @Test
    void gradientsComeOutAsOneVectorWithZerosWhereNoneReached() {
        Engines.pytorch(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3}, new Shape(3));
            NDArray unused = m.create(new float[] {5, 5}, new Shape(2));
            Autograd.requireGradients(List.of(w, unused));
            NDArray x = m.create(new float[] {0.5f, -1, 4}, new Shape(3));
            Autograd.recording(() -> {
                // d/dw sum(w * w * x) = 2 w x
                Autograd.backward(w.mul(w).mul(x).sum());
                return null;
            });
            float[] grads = {-9, -9, -9, -9, -9, -9};
            TensorVectors.gradientsInto(List.of(w, unused), grads, 1);
            assertArrayEquals(new float[] {-9, 1, -4, 24, 0, 0}, grads);
        }
    }
}
