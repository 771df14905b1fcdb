package sparkyolo.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Autograd on libtorch directly, without DJL's {@code GradientCollector}: that collector is
 * JVM-global (one per process), while libtorch's grad mode is per thread, so several Spark tasks
 * in one executor can train at the same time.
 */
public final class Autograd {
    private Autograd() {
    }

    /** Marks the tensors as leaves whose gradient backward accumulates. */
    public static void requireGradients(Collection<NDArray> parameters) {
        for (NDArray p : parameters) {
            JniUtils.attachGradient((PtNDArray) p, true);
        }
    }

    /** Zeroes the accumulated gradients (backward adds to them). */
    public static void zeroGradients(Collection<NDArray> parameters) {
        for (NDArray p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** Runs {@code body} with grad mode on for this thread, restoring the previous mode afterwards. */
    public static <T> T recording(Supplier<T> body) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Backpropagates a scalar (one-element) loss into the gradients of the leaves it depends on. */
    public static void backward(NDArray loss) {
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward needs a one-element loss, got shape " + loss.getShape());
        }
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /**
     * The accumulated gradient of {@code parameter}, as a new array in {@code manager}; zeros when
     * no backward has reached it yet.
     */
    public static NDArray gradient(NDArray parameter, NDManager manager) {
        PtNDArray grad = JniUtils.getGradient((PtNDArray) parameter);
        if (grad == null) {
            return manager.zeros(parameter.getShape(), parameter.getDataType());
        }
        grad.attach(manager);
        return grad;
    }
}
