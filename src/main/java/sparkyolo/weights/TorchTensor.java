package sparkyolo.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import sparkyolo.util.NpyArray;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view (offset, size,
 * stride, all in elements) into a storage. {@link #toNpy} copies the view out in C order.
 */
public final class TorchTensor {
    private final TorchStorage storage;
    private final long offset;
    private final long[] shape;
    private final long[] stride;

    private TorchTensor(TorchStorage storage, long offset, long[] shape, long[] stride) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
    }

    /**
     * The arguments of {@code _rebuild_tensor_v2(storage, storage_offset, size, stride,
     * requires_grad, backward_hooks[, metadata])}; the last ones do not change the values.
     */
    static TorchTensor rebuild(List<Object> args) {
        if (args.size() < 6 || args.size() > 7 || !(args.get(0) instanceof TorchStorage storage)) {
            throw new IllegalArgumentException("_rebuild_tensor_v2 expects (storage, offset, size, stride,"
                    + " requires_grad, backward_hooks[, metadata]), got " + args);
        }
        if (args.get(5) instanceof Map<?, ?> hooks && !hooks.isEmpty()) {
            throw new IllegalArgumentException("tensor with backward hooks is not supported");
        }
        long offset = integer(args.get(1), "storage offset");
        long[] shape = integers(args.get(2), "size");
        long[] stride = integers(args.get(3), "stride");
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("tensor size " + Arrays.toString(shape)
                    + " and stride " + Arrays.toString(stride) + " differ in length");
        }
        checkWithinStorage(storage, offset, shape, stride);
        return new TorchTensor(storage, offset, shape, stride);
    }

    private static void checkWithinStorage(TorchStorage storage, long offset, long[] shape, long[] stride) {
        long last = offset;
        boolean empty = false;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new IllegalArgumentException("negative tensor size or stride");
            }
            empty |= shape[d] == 0;
            if (shape[d] > 0) {
                last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
            }
        }
        if (offset < 0 || (!empty && last >= storage.numel())) {
            throw new IllegalArgumentException("tensor view (offset " + offset + ", size " + Arrays.toString(shape)
                    + ", stride " + Arrays.toString(stride) + ") exceeds storage '" + storage.key()
                    + "' of " + storage.numel() + " elements");
        }
    }

    private static long integer(Object value, String what) {
        if (!(value instanceof Long l)) {
            throw new IllegalArgumentException("tensor " + what + " is not an int: " + value);
        }
        return l;
    }

    private static long[] integers(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("tensor " + what + " is not a tuple: " + value);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(list.get(i), what);
        }
        return out;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The values in C order; floating types as float32 ({@code f4}), integer types unchanged. */
    public NpyArray toNpy() {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        StorageType type = storage.type();
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(n, type.outputItemSize())).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer in = storage.bytes();
        long[] index = new long[shape.length];
        long at = offset;
        for (int i = 0; i < n; i++) {
            type.copyElement(in, (int) at, out);
            // advance the multi-index like an odometer, last dimension fastest
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    at += stride[d];
                    break;
                }
                at -= stride[d] * (shape[d] - 1);
                index[d] = 0;
            }
        }
        out.flip();
        return new NpyArray(type.outputDtype(), shape, out);
    }

    @Override
    public String toString() {
        return "tensor(" + storage.type() + ", " + Arrays.toString(shape) + ")";
    }
}
