package sparkyolo.dist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.network.buffer.ManagedBuffer;
import org.apache.spark.storage.BlockData;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.io.ChunkedByteBuffer;
import scala.Option;
import scala.reflect.ClassTag$;

/**
 * Puts this replica's blocks into its executor's BlockManager and waits for peers' blocks:
 * polling with exponential backoff (1 to 8 ms) until the block exists, the timeout passes, or the
 * task is killed (Spark kills the other tasks of a barrier stage when one fails, without interrupting them).
 */
final class PeerBlocks {
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(8);

    private final BlockManager blockManager;
    private final Peer me;
    private final FetchMode mode;
    private final Duration timeout;
    private final TaskContext task;
    private final AtomicLong emptyPolls = new AtomicLong();

    PeerBlocks(BlockManager blockManager, Peer me, FetchMode mode, Duration timeout, TaskContext task) {
        this.blockManager = blockManager;
        this.me = me;
        this.mode = mode;
        this.timeout = timeout;
        this.task = task;
    }

    /** Stores {@code frame} (which must not be changed afterwards) as block {@code id}. */
    void put(BlockId id, ByteBuffer frame) {
        boolean stored = blockManager.putBytes(id, new ChunkedByteBuffer(frame), StorageLevel.MEMORY_ONLY_SER(),
                mode == FetchMode.LOCATED, ClassTag$.MODULE$.Any());
        if (!stored) {
            throw new IllegalStateException("could not store block " + id + " of " + frame.remaining()
                    + " bytes: executor storage memory full, or the block exists already");
        }
    }

    void remove(BlockId id) {
        blockManager.removeBlock(id, mode == FetchMode.LOCATED);
    }

    /** Block {@code id} of {@code peer}, once it exists. */
    ByteBuffer await(Peer peer, BlockId id, int step, Phase phase) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long backoff = MIN_BACKOFF_NANOS;
        Exception lastError = null;
        while (true) {
            if (task != null && task.isInterrupted()) {
                throw new TaskKilledException("killed while waiting for " + peer + ", step " + step + " " + phase);
            }
            try {
                ByteBuffer bytes = tryGet(peer, id);
                if (bytes != null) {
                    return bytes;
                }
                emptyPolls.incrementAndGet();
            } catch (Exception e) {
                // Spark's Scala code throws checked exceptions (SparkException, InterruptedException) undeclared.
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                // Not put yet (direct fetch), or a transfer error: retried until the deadline.
                lastError = e;
                emptyPolls.incrementAndGet();
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new PeerTimeoutException(peer, step, phase, Duration.ofNanos(now - start), id.name(), lastError);
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(backoff, deadline - now));
            backoff = Math.min(2 * backoff, MAX_BACKOFF_NANOS);
        }
    }

    /** How many polls found a block missing so far. */
    long emptyPolls() {
        return emptyPolls.get();
    }

    /** The block's bytes, or null while it does not exist. */
    private ByteBuffer tryGet(Peer peer, BlockId id) throws IOException {
        if (peer.sharesBlockManagerWith(me)) {
            return localBytes(id);
        }
        if (mode == FetchMode.LOCATED) {
            Option<ChunkedByteBuffer> bytes = blockManager.getRemoteBytes(id);
            return bytes.isDefined() ? bytes.get().toByteBuffer() : null;
        }
        // fetchBlockSync copies the reply into a heap buffer; a null file manager keeps it in memory.
        ManagedBuffer fetched = blockManager.blockTransferService()
                .fetchBlockSync(peer.host(), peer.port(), peer.executorId(), id.name(), null);
        return fetched.nioByteBuffer();
    }

    private ByteBuffer localBytes(BlockId id) {
        Option<BlockData> data = blockManager.getLocalBytes(id);
        if (data.isEmpty()) {
            return null;
        }
        try {
            // A single-chunk block: a view of the stored heap bytes, which the owner never changes
            // and removes only after every peer has read them.
            return data.get().toByteBuffer();
        } finally {
            blockManager.releaseLockAndDispose(id, data.get(), Option.empty());
        }
    }
}
