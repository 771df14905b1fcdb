package sparkyolo.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One numpy array as stored in a {@code .npy} file: dtype descriptor, shape and the raw
 * little-endian bytes in C order. Accessors convert to Java arrays.
 */
public final class NpyArray {
    private final String dtype;
    private final long[] shape;
    private final ByteBuffer data;

    /** @param dtype numpy descriptor without byte order, e.g. {@code f4}, {@code f2}, {@code i8}, {@code u1}, {@code b1} */
    public NpyArray(String dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = size() * itemSize(dtype);
        if (this.data.remaining() != expected) {
            throw new IllegalArgumentException("array of dtype " + dtype + " and shape " + Arrays.toString(shape)
                    + " needs " + expected + " bytes, got " + this.data.remaining());
        }
    }

    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray("f4", shape, b);
    }

    public static NpyArray ofDoubles(double[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NpyArray("f8", shape, b);
    }

    public static NpyArray ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NpyArray("i8", shape, b);
    }

    public static NpyArray ofBytes(byte[] values, long... shape) {
        return new NpyArray("u1", shape, ByteBuffer.wrap(values.clone()));
    }

    static int itemSize(String dtype) {
        switch (dtype) {
            case "f8": case "i8": case "u8": return 8;
            case "f4": case "i4": case "u4": return 4;
            case "f2": case "i2": case "u2": return 2;
            case "u1": case "i1": case "b1": return 1;
            default: throw new IllegalArgumentException("unsupported numpy dtype '" + dtype + "'");
        }
    }

    public String dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The raw little-endian bytes (a read-only view). */
    public ByteBuffer rawBytes() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public float[] toFloats() {
        int n = Math.toIntExact(size());
        float[] out = new float[n];
        ByteBuffer b = rawBytes();
        switch (dtype) {
            case "f4": b.asFloatBuffer().get(out); break;
            case "f2": for (int i = 0; i < n; i++) out[i] = HalfFloats.fromFp16(b.getShort(2 * i)); break;
            default: {
                double[] d = toDoubles();
                for (int i = 0; i < n; i++) out[i] = (float) d[i];
            }
        }
        return out;
    }

    /** A 2-D array as its rows (float32). */
    public float[][] toFloatRows() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("expected a 2-D array, got shape " + Arrays.toString(shape));
        }
        float[] v = toFloats();
        int cols = Math.toIntExact(shape[1]);
        float[][] rows = new float[Math.toIntExact(shape[0])][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(v, r * cols, (r + 1) * cols);
        }
        return rows;
    }

    public double[] toDoubles() {
        int n = Math.toIntExact(size());
        double[] out = new double[n];
        ByteBuffer b = rawBytes();
        for (int i = 0; i < n; i++) {
            switch (dtype) {
                case "f8": out[i] = b.getDouble(8 * i); break;
                case "f4": out[i] = b.getFloat(4 * i); break;
                case "f2": out[i] = HalfFloats.fromFp16(b.getShort(2 * i)); break;
                case "i8": out[i] = b.getLong(8 * i); break;
                case "i4": out[i] = b.getInt(4 * i); break;
                case "i2": out[i] = b.getShort(2 * i); break;
                case "i1": out[i] = b.get(i); break;
                case "u1": case "b1": out[i] = b.get(i) & 0xff; break;
                default: throw new IllegalStateException("cannot convert dtype " + dtype + " to double");
            }
        }
        return out;
    }

    public long[] toLongs() {
        if (dtype.equals("i8")) {
            long[] out = new long[Math.toIntExact(size())];
            rawBytes().asLongBuffer().get(out);
            return out;
        }
        double[] d = toDoubles();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    /** Unsigned bytes (dtype u1 or b1). */
    public byte[] toBytes() {
        if (!dtype.equals("u1") && !dtype.equals("b1")) {
            throw new IllegalStateException("array has dtype " + dtype + ", not u1");
        }
        byte[] out = new byte[Math.toIntExact(size())];
        rawBytes().get(out);
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray(" + dtype + ", " + Arrays.toString(shape) + ")";
    }
}
