package sparkyolo.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One tensor storage of a checkpoint: its element type and raw little-endian bytes. */
final class TorchStorage {
    private final String key;
    private final StorageType type;
    private final ByteBuffer bytes;
    private final long numel;

    TorchStorage(String key, StorageType type, ByteBuffer bytes, long numel) {
        this.key = key;
        this.type = type;
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.numel = numel;
    }

    String key() {
        return key;
    }

    StorageType type() {
        return type;
    }

    /** The bytes, positioned at element 0 (absolute reads only). */
    ByteBuffer bytes() {
        return bytes;
    }

    long numel() {
        return numel;
    }
}
