package sparkyolo.dist;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.network.BlockTransferService;
import org.apache.spark.network.buffer.ManagedBuffer;
import org.apache.spark.network.shuffle.BlockFetchingListener;
import org.apache.spark.storage.BlockData;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.io.ChunkedByteBuffer;
import scala.Option;
import scala.reflect.ClassTag$;

/**
 * Puts this replica's blocks into its executor's BlockManager (without telling the driver) and
 * reads peers' blocks straight from their BlockManagers, whose addresses the replicas exchanged
 * at stage start. All wanted blocks are requested at once and read as they arrive; a request that
 * comes before the peer's put fails and is repeated after a backoff (0.25 to 4 ms) until the
 * timeout passes or the task is killed (Spark kills the other tasks of a barrier stage when one
 * fails, without interrupting them).
 */
final class PeerBlocks {
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /** How often a wait looks whether the task was killed. */
    private static final long KILL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BlockManager blockManager;
    private final Peer me;
    private final Duration timeout;
    private final TaskContext task;
    private final AtomicLong emptyPolls = new AtomicLong();

    /**
     * A block to read and what to do with its bytes: {@code reader} runs on the waiting thread, and
     * the bytes (one buffer, or the pieces they
     * arrived in) are valid only during the call.
     */
    record Wanted(Peer peer, BlockId id, Consumer<ByteBuffer[]> reader) {
    }

    PeerBlocks(BlockManager blockManager, Peer me, Duration timeout, TaskContext task) {
        this.blockManager = blockManager;
        this.me = me;
        this.timeout = timeout;
        this.task = task;
    }

    /**
     * Stores {@code frame} (which must not be changed afterwards) as block {@code id}. A direct
     * buffer is sent without a copy, and freed by Spark when the block is removed.
     */
    void put(BlockId id, ByteBuffer frame) {
        boolean stored = blockManager.putBytes(id, new ChunkedByteBuffer(frame), StorageLevel.MEMORY_ONLY_SER(),
                false, ClassTag$.MODULE$.Any());
        if (!stored) {
            throw new IllegalStateException("could not store block " + id + " of " + frame.remaining()
                    + " bytes: executor storage memory full, or the block exists already");
        }
    }

    void remove(BlockId id) {
        blockManager.removeBlock(id, false);
    }

    /** How many requests found a block missing so far. */
    long emptyPolls() {
        return emptyPolls.get();
    }

    /** Reads every wanted block once it exists; names the first missing one on timeout. */
    void readAll(List<Wanted> wanted, int step, Phase phase) throws InterruptedException {
        new Reading(step, phase).run(wanted);
    }

    /** One call of {@link #readAll}: requests in flight, their arrivals and the repeats due. */
    private final class Reading {
        private final int step;
        private final Phase phase;
        private final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
        private final PriorityQueue<Repeat> repeats = new PriorityQueue<>(Comparator.comparingLong(Repeat::at));
        private boolean done;

        private record Arrival(Wanted wanted, ManagedBuffer data, Throwable error) {
        }

        private record Repeat(Wanted wanted, long at) {
        }

        Reading(int step, Phase phase) {
            this.step = step;
            this.phase = phase;
        }

        void run(List<Wanted> wanted) throws InterruptedException {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            Set<Wanted> unread = new LinkedHashSet<>(wanted);
            List<Wanted> local = new ArrayList<>();
            Map<Wanted, Long> backoff = new HashMap<>();
            long localBackoff = MIN_BACKOFF_NANOS;
            Throwable lastError = null;
            try {
                for (Wanted w : wanted) {
                    if (w.peer().sharesBlockManagerWith(me)) {
                        local.add(w);
                    } else {
                        request(w);
                    }
                }
                while (!unread.isEmpty()) {
                    if (task != null && task.isInterrupted()) {
                        throw new TaskKilledException("killed while waiting for " + phase + " blocks of step " + step);
                    }
                    for (Iterator<Wanted> it = local.iterator(); it.hasNext(); ) {
                        Wanted w = it.next();
                        if (readLocal(w)) {
                            it.remove();
                            unread.remove(w);
                        }
                    }
                    long now = System.nanoTime();
                    while (!repeats.isEmpty() && repeats.peek().at() - now <= 0) {
                        request(repeats.poll().wanted());
                    }
                    if (unread.isEmpty()) {
                        break;
                    }
                    long wake = now + (local.isEmpty() ? KILL_CHECK_NANOS : localBackoff);
                    Arrival a = next(Math.min(deadline, repeats.isEmpty() ? wake : Math.min(wake, repeats.peek().at())));
                    if (a == null) {
                        if (!local.isEmpty()) {
                            emptyPolls.incrementAndGet();
                            localBackoff = Math.min(2 * localBackoff, MAX_BACKOFF_NANOS);
                        }
                    } else if (a.data() != null) {
                        try {
                            a.wanted().reader().accept(pieces(a.data()));
                        } finally {
                            a.data().release();
                        }
                        unread.remove(a.wanted());
                    } else {
                        // Not put yet, or a transfer error: asked again after a backoff.
                        emptyPolls.incrementAndGet();
                        lastError = a.error();
                        long b = backoff.merge(a.wanted(), MIN_BACKOFF_NANOS, (old, x) -> Math.min(2 * old, MAX_BACKOFF_NANOS));
                        repeats.add(new Repeat(a.wanted(), System.nanoTime() + b));
                    }
                    now = System.nanoTime();
                    if (!unread.isEmpty() && now - deadline >= 0) {
                        Wanted missing = unread.iterator().next();
                        throw new PeerTimeoutException(missing.peer(), step, phase, Duration.ofNanos(now - start),
                                missing.id().name(), lastError);
                    }
                }
            } finally {
                close();
            }
        }

        /** The next arrival, or null at {@code until}. */
        private synchronized Arrival next(long until) throws InterruptedException {
            while (arrivals.isEmpty()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return arrivals.poll();
        }

        private synchronized void arrived(Arrival a) {
            if (done) {
                return;
            }
            if (a.data() != null) {
                a.data().retain();
            }
            arrivals.add(a);
            notifyAll();
        }

        /** Stops taking arrivals and releases the buffers of those not read (after a failure). */
        private synchronized void close() {
            done = true;
            for (Arrival a : arrivals) {
                if (a.data() != null) {
                    a.data().release();
                }
            }
            arrivals.clear();
        }

        private void request(Wanted w) {
            BlockTransferService transfer = blockManager.blockTransferService();
            // A null file manager keeps the reply in memory.
            transfer.fetchBlocks(w.peer().host(), w.peer().port(), w.peer().executorId(), new String[] {w.id().name()},
                    new BlockFetchingListener() {
                        @Override
                        public void onBlockFetchSuccess(String blockId, ManagedBuffer data) {
                            arrived(new Arrival(w, data, null));
                        }

                        @Override
                        public void onBlockFetchFailure(String blockId, Throwable error) {
                            arrived(new Arrival(w, null, error));
                        }
                    }, null);
        }

        /** The received bytes as Netty holds them: one buffer, or the pieces a large reply arrived in. */
        private ByteBuffer[] pieces(ManagedBuffer data) {
            try {
                ByteBuf buf = (ByteBuf) data.convertToNetty();
                try {
                    return buf.nioBuffers();
                } finally {
                    buf.release();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean readLocal(Wanted w) {
            Option<BlockData> data = blockManager.getLocalBytes(w.id());
            if (data.isEmpty()) {
                return false;
            }
            try {
                // A single-chunk block: a view of the stored bytes, which the owner never changes
                // and removes only after every peer has read them.
                w.reader().accept(new ByteBuffer[] {data.get().toByteBuffer()});
                return true;
            } finally {
                blockManager.releaseLockAndDispose(w.id(), data.get(), Option.empty());
            }
        }
    }
}
