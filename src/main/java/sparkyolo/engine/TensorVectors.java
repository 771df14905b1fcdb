package sparkyolo.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk copies between float32 tensors (laid out one after another in a flat vector) and a Java
 * vector, in as few copies as the device allows. On the CPU each tensor's memory is read or
 * written in place through a direct buffer over it (one copy, no allocation); on a GPU the tensors
 * are concatenated on the device and cross to the host in one transfer (and back in one).
 * Writes happen outside autograd, between optimizer steps.
 */
public final class TensorVectors {
    private TensorVectors() {
    }

    /** Copies the tensors' values into {@code dst[at ...]}, one after another. */
    public static void copyInto(List<NDArray> tensors, float[] dst, int at) {
        if (tensors.isEmpty()) {
            return;
        }
        if (onCpu(tensors.get(0))) {
            int offset = at;
            for (NDArray t : tensors) {
                view(t).get(dst, offset, Math.toIntExact(t.size()));
                offset += Math.toIntExact(t.size());
            }
        } else {
            copyIntoAtOnce(tensors, dst, at);
        }
    }

    /** {@link #copyInto} for a device: the tensors concatenated there, then one transfer to the host. */
    static void copyIntoAtOnce(List<NDArray> tensors, float[] dst, int at) {
        try (NDManager scratch = tensors.get(0).getManager().newSubManager()) {
            NDList flat = new NDList();
            tensors.forEach(t -> flat.add(t.flatten()));
            NDArray host = NDArrays.concat(flat).toDevice(Device.cpu(), false);
            host.attach(scratch);
            flat.attach(scratch);
            view(host).get(dst, at, Math.toIntExact(host.size()));
        }
    }

    /**
     * Copies the accumulated gradients of {@code parameters} into {@code dst[at ...]}, zeros for a
     * parameter that no backward has reached.
     */
    public static void gradientsInto(List<NDArray> parameters, float[] dst, int at) {
        if (parameters.isEmpty()) {
            return;
        }
        try (NDManager scratch = parameters.get(0).getManager().newSubManager()) {
            List<NDArray> grads = new ArrayList<>(parameters.size());
            for (NDArray p : parameters) {
                grads.add(Autograd.gradient(p, scratch));
            }
            copyInto(grads, dst, at);
        }
    }

    /** Writes {@code src[at ...]} into the tensors, one after another (in place, outside autograd). */
    public static void copyFrom(float[] src, int at, List<NDArray> tensors) {
        if (tensors.isEmpty()) {
            return;
        }
        if (onCpu(tensors.get(0))) {
            int offset = at;
            for (NDArray t : tensors) {
                view(t).put(src, offset, Math.toIntExact(t.size()));
                offset += Math.toIntExact(t.size());
            }
        } else {
            copyFromAtOnce(src, at, tensors);
        }
    }

    /** {@link #copyFrom} for a device: one transfer of the whole vector, then a copy into each tensor there. */
    static void copyFromAtOnce(float[] src, int at, List<NDArray> tensors) {
        long total = tensors.stream().mapToLong(NDArray::size).sum();
        try (NDManager scratch = tensors.get(0).getManager().newSubManager()) {
            NDArray flat = scratch.create(FloatBuffer.wrap(src, at, Math.toIntExact(total)),
                    new ai.djl.ndarray.types.Shape(total)).toDevice(tensors.get(0).getDevice(), false);
            flat.attach(scratch);
            long offset = 0;
            for (NDArray t : tensors) {
                t.set(new NDIndex("..."), flat.get(new NDIndex("{}:{}", offset, offset + t.size())).reshape(t.getShape()));
                offset += t.size();
            }
        }
    }

    private static boolean onCpu(NDArray t) {
        return Device.cpu().equals(t.getDevice());
    }

    /** A float view of a contiguous CPU tensor's own memory (no copy). */
    private static FloatBuffer view(NDArray t) {
        return JniUtils.getByteBuffer((PtNDArray) t, true).asFloatBuffer();
    }
}
