package sparkyolo.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic of a tensor with a constant, safe inside an autograd graph.
 *
 * <p>DJL's {@code x.mul(2f)} wraps the constant in a tensor over a Java direct buffer
 * ({@code torch::from_blob}, no copy) and closes it as soon as the op returns. Autograd saves
 * that tensor for backward (mul, div, pow and maximum need it), so once the garbage collector
 * frees the buffer, backward reads freed memory: gradients turn into garbage or NaN, at random.
 * The constants made here are allocated by libtorch, so the graph keeps them alive. Code that is
 * differentiated uses these instead of DJL's {@code Number} overloads.
 */
public final class ScalarOps {
    private ScalarOps() {
    }

    /** A 0-dimensional tensor in libtorch memory, of {@code like}'s type and manager. */
    public static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    public static NDArray add(NDArray x, float value) {
        return x.add(constant(x, value));
    }

    public static NDArray sub(NDArray x, float value) {
        return x.sub(constant(x, value));
    }

    /** {@code value - x}. */
    public static NDArray subFrom(float value, NDArray x) {
        return constant(x, value).sub(x);
    }

    public static NDArray mul(NDArray x, float value) {
        return x.mul(constant(x, value));
    }

    public static NDArray div(NDArray x, float value) {
        return x.div(constant(x, value));
    }

    public static NDArray pow(NDArray x, float exponent) {
        return x.pow(constant(x, exponent));
    }

    public static NDArray maximum(NDArray x, float value) {
        return x.maximum(constant(x, value));
    }
}
