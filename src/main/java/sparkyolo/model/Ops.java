package sparkyolo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** The tensor operations of YOLOv5, on DJL's PyTorch engine (libtorch kernels). */
public final class Ops {
    private Ops() {
    }

    public static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, int pad, int groups) {
        return JniUtils.convolution((PtNDArray) x, (PtNDArray) weight, (PtNDArray) bias,
                new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), groups);
    }

    /**
     * torch.nn.functional.batch_norm; in training mode it normalizes with the batch statistics
     * and updates the running buffers in place ({@code momentum} as in PyTorch, e.g. 0.03).
     */
    public static NDArray batchNorm(NDArray x, NDArray runningMean, NDArray runningVar, NDArray gamma, NDArray beta,
            boolean training, double momentum, double eps) {
        return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) runningMean, (PtNDArray) runningVar,
                (PtNDArray) gamma, (PtNDArray) beta, training, momentum, eps);
    }

    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    public static NDArray maxPool(NDArray x, int kernel, int stride, int pad) {
        return JniUtils.maxPool((PtNDArray) x, new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(pad, pad), false);
    }

    /** Nearest-neighbour upsampling of an NCHW tensor by an integer factor. */
    public static NDArray upsampleNearest(NDArray x, int factor) {
        Shape s = x.getShape();
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * factor, s.get(3) * factor}, 0, false);
    }

    public static NDArray concatChannels(NDList xs) {
        return NDArrays.concat(xs, 1);
    }
}
