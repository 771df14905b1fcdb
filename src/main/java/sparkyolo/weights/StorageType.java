package sparkyolo.weights;

import java.nio.ByteBuffer;
import sparkyolo.util.HalfFloats;

/**
 * The typed PyTorch storages a checkpoint may hold ({@code torch.HalfStorage} ...), with how
 * one element is converted: floating types become float32, integer and bool types keep their
 * numpy dtype.
 */
enum StorageType {
    HALF("HalfStorage", 2, "f4"),
    BFLOAT16("BFloat16Storage", 2, "f4"),
    FLOAT("FloatStorage", 4, "f4"),
    DOUBLE("DoubleStorage", 8, "f4"),
    LONG("LongStorage", 8, "i8"),
    INT("IntStorage", 4, "i4"),
    SHORT("ShortStorage", 2, "i2"),
    CHAR("CharStorage", 1, "i1"),
    BYTE("ByteStorage", 1, "u1"),
    BOOL("BoolStorage", 1, "b1");

    private final String className;
    private final int itemSize;
    private final String outputDtype;

    StorageType(String className, int itemSize, String outputDtype) {
        this.className = className;
        this.itemSize = itemSize;
        this.outputDtype = outputDtype;
    }

    /** The type for a class name in module {@code torch}, or null. */
    static StorageType byClassName(String name) {
        for (StorageType t : values()) {
            if (t.className.equals(name)) {
                return t;
            }
        }
        return null;
    }

    int itemSize() {
        return itemSize;
    }

    /** numpy dtype of the converted elements. */
    String outputDtype() {
        return outputDtype;
    }

    int outputItemSize() {
        return outputDtype.equals("f4") ? 4 : itemSize;
    }

    /** Appends element {@code index} of {@code storage} (little-endian) to {@code out}, converted. */
    void copyElement(ByteBuffer storage, int index, ByteBuffer out) {
        int at = index * itemSize;
        switch (this) {
            case HALF -> out.putFloat(HalfFloats.fromFp16(storage.getShort(at)));
            case BFLOAT16 -> out.putFloat(Float.intBitsToFloat((storage.getShort(at) & 0xffff) << 16));
            case FLOAT -> out.putFloat(storage.getFloat(at));
            case DOUBLE -> out.putFloat((float) storage.getDouble(at));
            case LONG -> out.putLong(storage.getLong(at));
            case INT -> out.putInt(storage.getInt(at));
            case SHORT -> out.putShort(storage.getShort(at));
            case CHAR, BYTE, BOOL -> out.put(storage.get(at));
        }
    }
}
