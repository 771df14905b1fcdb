package sparkyolo.dist;

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
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.network.BlockTransferService;
import org.apache.spark.network.buffer.ManagedBuffer;
import org.apache.spark.network.buffer.NioManagedBuffer;
import org.apache.spark.network.shuffle.BlockFetchingListener;
import org.apache.spark.network.shuffle.DownloadFile;
import org.apache.spark.network.shuffle.DownloadFileManager;
import org.apache.spark.network.shuffle.DownloadFileWritableChannel;
import org.apache.spark.network.util.TransportConf;
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
 * at stage start. All wanted blocks are requested at once and streamed: each block's bytes go to
 * its {@link Sink} on the network thread as they arrive (Spark's fetch-to-file path, with the
 * "file" in memory), rather than being collected into one frame first, which measured 2 to 3
 * times slower. A request that comes before the peer's put fails and is repeated after a backoff
 * (0.25 to 4 ms) until the timeout passes or the task is killed (Spark kills the other tasks of a
 * barrier stage when one fails, without interrupting them).
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
    private long peerWaitNanos;

    /**
     * Where a block's bytes go: {@link #accept} takes them in the pieces they arrive in, on a
     * network thread (a piece is valid only during the call); {@link #finish} runs on the reading
     * thread once all arrived, and may throw to fail the read.
     */
    interface Sink {
        void accept(ByteBuffer piece);

        void finish();
    }

    /** A block to read, and a new sink for each attempt to read it (a repeated request starts over). */
    record Wanted(Peer peer, BlockId id, Supplier<Sink> sinks) {
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

    /**
     * How long reads have waited so far for blocks that peers had not put yet: per read, the time
     * until the last request that found a block missing (so it may exceed the true wait by up to
     * one retry).
     */
    long peerWaitNanos() {
        return peerWaitNanos;
    }

    /** Reads every wanted block once it exists; names the first missing one on timeout. */
    void readAll(List<Wanted> wanted, int step, Phase phase) throws InterruptedException {
        readAll(wanted, step, phase, () -> { });
    }

    /**
     * {@link #readAll(List, int, Phase)}, running {@code meanwhile} on this thread once the
     * requests are out, while the blocks travel.
     */
    void readAll(List<Wanted> wanted, int step, Phase phase, Runnable meanwhile) throws InterruptedException {
        new Reading(step, phase).run(wanted, meanwhile);
    }

    /** One call of {@link #readAll}: requests in flight, their arrivals and the repeats due. */
    private final class Reading {
        private final int step;
        private final Phase phase;
        private final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
        private final PriorityQueue<Repeat> repeats = new PriorityQueue<>(Comparator.comparingLong(Repeat::at));
        /** Set once the read ends; a sink is fed no more bytes after that (a failed read's late replies). */
        private volatile boolean done;

        /** A block read whole into {@code sink}, or the {@code error} of a request. */
        private record Arrival(Wanted wanted, Sink sink, Throwable error) {
        }

        private record Repeat(Wanted wanted, long at) {
        }

        Reading(int step, Phase phase) {
            this.step = step;
            this.phase = phase;
        }

        void run(List<Wanted> wanted, Runnable meanwhile) throws InterruptedException {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            Set<Wanted> unread = new LinkedHashSet<>(wanted);
            List<Wanted> local = new ArrayList<>();
            Map<Wanted, Long> backoff = new HashMap<>();
            long localBackoff = MIN_BACKOFF_NANOS;
            long lastMiss = start;
            Throwable lastError = null;
            try {
                for (Wanted w : wanted) {
                    if (w.peer().sharesBlockManagerWith(me)) {
                        local.add(w);
                    } else {
                        request(w);
                    }
                }
                meanwhile.run();
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
                            lastMiss = System.nanoTime();
                            localBackoff = Math.min(2 * localBackoff, MAX_BACKOFF_NANOS);
                        }
                    } else if (a.sink() != null) {
                        a.sink().finish();
                        unread.remove(a.wanted());
                    } else {
                        // Not put yet, or a transfer error: asked again after a backoff.
                        emptyPolls.incrementAndGet();
                        lastMiss = System.nanoTime();
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
                peerWaitNanos += lastMiss - start;
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
            arrivals.add(a);
            notifyAll();
        }

        /** Stops taking arrivals (after a failure, some may still come). */
        private synchronized void close() {
            done = true;
            arrivals.clear();
        }

        private void request(Wanted w) {
            BlockTransferService transfer = blockManager.blockTransferService();
            StreamToSink stream = new StreamToSink(w);
            transfer.fetchBlocks(w.peer().host(), w.peer().port(), w.peer().executorId(), new String[] {w.id().name()},
                    new BlockFetchingListener() {
                        @Override
                        public void onBlockFetchSuccess(String blockId, ManagedBuffer data) {
                            arrived(new Arrival(w, stream.sink, null));
                        }

                        @Override
                        public void onBlockFetchFailure(String blockId, Throwable error) {
                            arrived(new Arrival(w, null, error));
                        }
                    }, stream);
        }

        private boolean readLocal(Wanted w) {
            Option<BlockData> data = blockManager.getLocalBytes(w.id());
            if (data.isEmpty()) {
                return false;
            }
            Sink sink = w.sinks().get();
            try {
                // A single-chunk block: a view of the stored bytes, which the owner never changes
                // and removes only after every peer has read them.
                sink.accept(data.get().toByteBuffer());
            } finally {
                blockManager.releaseLockAndDispose(w.id(), data.get(), Option.empty());
            }
            sink.finish();
            return true;
        }

        /**
         * The "temporary file" Spark streams a fetched block into, which hands the bytes to a new
         * sink of the wanted block instead (Spark asks for a new file when it retries).
         */
        private final class StreamToSink implements DownloadFileManager, DownloadFile, DownloadFileWritableChannel {
            private final Wanted wanted;
            private volatile Sink sink;

            StreamToSink(Wanted wanted) {
                this.wanted = wanted;
            }

            @Override
            public DownloadFile createTempFile(TransportConf conf) {
                sink = wanted.sinks().get();
                return this;
            }

            @Override
            public boolean registerTempFileToClean(DownloadFile file) {
                return false;
            }

            @Override
            public DownloadFileWritableChannel openForWriting() {
                return this;
            }

            @Override
            public String path() {
                return "memory:" + wanted.id().name();
            }

            @Override
            public boolean delete() {
                return true;
            }

            @Override
            public int write(ByteBuffer piece) {
                int n = piece.remaining();
                if (!done) {
                    sink.accept(piece);
                }
                piece.position(piece.limit());
                return n;
            }

            @Override
            public ManagedBuffer closeAndRead() {
                return new NioManagedBuffer(ByteBuffer.allocate(0));
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        }
    }
}
