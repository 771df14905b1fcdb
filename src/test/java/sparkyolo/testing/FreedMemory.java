package sparkyolo.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes use-after-free of Java direct buffers visible: tensors that libtorch reads through a
 * {@code from_blob} pointer after the buffer's Java owner is gone see garbage instead of, by
 * luck, their old values.
 */
public final class FreedMemory {
    private FreedMemory() {
    }

    /** Frees unreachable direct buffers, then allocates small ones full of 1000f over their memory. */
    public static void collectAndReuse() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            junk.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1000f));
        }
    }
}
