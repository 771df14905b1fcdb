package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.storage.BlockId;

/**
 * The all-reduce of a flat vector of {@code size} floats across the replicas of a barrier stage,
 * BigDL DistriOptimizer style, over the executors' BlockManagers. Per optimizer step:
 * <ol>
 *   <li>{@link #reduceScatter}: each replica puts its gradient slice for each owner as a block; each
 *       owner fetches its slice from every peer and sums them in rank order (deterministic, and
 *       identical to a sequential sum over ranks 0..N-1 of the values as they travelled);</li>
 *   <li>the owner updates its slice (the caller's sharded optimizer);</li>
 *   <li>{@link #allGather}: each owner puts its updated weight slice (always fp32); everyone fetches all.</li>
 * </ol>
 * Peers' blocks are fetched concurrently. A replica removes its blocks of step s-2 when step s
 * starts: by then every peer has read them (finishing the all-gather of step s-1 means every owner
 * has put its weights of s-1, so it has read our gradients of s-1 and the weights of s-2).
 * One instance per task; not thread-safe.
 */
public final class BlockAllReduce implements AutoCloseable {
    private final PeerDirectory peers;
    private final SliceLayout layout;
    private final AllReduceOptions options;
    private final BlockNames names;
    private final PeerBlocks blocks;
    private final ExecutorService fetchers;
    private final ArrayDeque<PutBlock> putBlocks = new ArrayDeque<>();
    /** The step of the previous reduce-scatter (steps need not be consecutive: accumulation skips some). */
    private int previousStep = Integer.MIN_VALUE;
    private boolean closed;

    private record PutBlock(int step, BlockId id) {
    }

    /** For the current task, which must be one of the barrier stage that {@code peers} describes. */
    public BlockAllReduce(PeerDirectory peers, int size, AllReduceOptions options) {
        TaskContext task = TaskContext.get();
        this.peers = peers;
        this.layout = new SliceLayout(size, peers.size());
        this.options = options;
        this.names = new BlockNames(options.runId(), options.epoch(), task == null ? 0 : task.stageAttemptNumber());
        this.blocks = new PeerBlocks(SparkEnv.get().blockManager(), peers.me(), options.fetchMode(), options.timeout(),
                task);
        this.fetchers = peers.size() == 1 ? null : Executors.newFixedThreadPool(Math.min(peers.size() - 1, 8),
                daemonThreads("sy-allreduce-" + peers.myRank()));
    }

    public SliceLayout layout() {
        return layout;
    }

    public AllReduceOptions options() {
        return options;
    }

    public int myRank() {
        return peers.myRank();
    }

    /** How many times a peer's block was polled before it existed (each a failed fetch in direct mode). */
    public long emptyPolls() {
        return blocks.emptyPolls();
    }

    /**
     * Step {@code step}'s reduce-scatter: this replica's slice of the sum of all replicas' {@code grads}.
     * Steps must increase from call to call.
     */
    public ReducedSlice reduceScatter(float[] grads, int step) throws InterruptedException {
        checkOpen();
        if (grads.length != layout.size()) {
            throw new IllegalArgumentException("gradient has " + grads.length + " values, expected " + layout.size());
        }
        // Finishing the previous step's all-gather proves every peer is done with the step before it.
        removeStepsBefore(previousStep);
        previousStep = step;
        int me = peers.myRank();
        int n = peers.size();
        WireFormat format = options.gradFormat();
        ByteBuffer[] frames = new ByteBuffer[n];
        boolean anyNonFinite = false;
        for (int owner = 0; owner < n; owner++) {
            frames[owner] = BlockFrame.encode(format, grads, layout.offset(owner), layout.length(owner));
            anyNonFinite |= BlockFrame.flagged(frames[owner]);
        }
        for (int owner = 0; owner < n; owner++) {
            // Every block carries the flag of the whole gradient, so all owners reach the same skip decision.
            BlockFrame.setFlag(frames[owner], anyNonFinite);
            if (owner != me) {
                put(step, names.gradient(step, me, owner), frames[owner]);
            }
        }
        int len = layout.length(me);
        float[][] parts = new float[n][len];
        boolean[] flags = new boolean[n];
        // Our own part goes through the same encoding as the others', so that every contribution is rounded alike.
        flags[me] = BlockFrame.decode(frames[me], format, parts[me], 0, len, "own gradient slice");
        List<Callable<Void>> fetches = new ArrayList<>();
        for (int sender = 0; sender < n; sender++) {
            if (sender != me) {
                int from = sender;
                fetches.add(() -> {
                    BlockId id = names.gradient(step, from, me);
                    ByteBuffer frame = blocks.await(peers.peer(from), id, step, Phase.REDUCE_SCATTER);
                    flags[from] = BlockFrame.decode(frame, format, parts[from], 0, len, id.name());
                    return null;
                });
            }
        }
        runAll(fetches);
        float[] sum = parts[0];
        boolean nonFinite = flags[0];
        for (int r = 1; r < n; r++) {
            float[] part = parts[r];
            for (int i = 0; i < len; i++) {
                sum[i] += part[i];
            }
            nonFinite |= flags[r];
        }
        return new ReducedSlice(sum, nonFinite || NanSignal.anyNonFinite(sum, 0, len));
    }

    /**
     * Step {@code step}'s all-gather: publishes this owner's (updated) {@code mySlice} and writes every
     * owner's slice into {@code weights}.
     *
     * @param skipped whether this owner skipped the step (its {@link ReducedSlice#nonFinite()})
     * @return whether some owner skipped the step; the same answer on every replica
     */
    public boolean allGather(float[] mySlice, boolean skipped, int step, float[] weights) throws InterruptedException {
        checkOpen();
        int me = peers.myRank();
        if (mySlice.length != layout.length(me) || weights.length != layout.size()) {
            throw new IllegalArgumentException("slice of " + mySlice.length + " and weights of " + weights.length
                    + " values, expected " + layout.length(me) + " and " + layout.size());
        }
        ByteBuffer frame = BlockFrame.encode(WireFormat.NONE, mySlice, 0, mySlice.length);
        BlockFrame.setFlag(frame, skipped);
        put(step, names.weights(step, me), frame);
        System.arraycopy(mySlice, 0, weights, layout.offset(me), mySlice.length);
        boolean[] flags = new boolean[peers.size()];
        flags[me] = skipped;
        List<Callable<Void>> fetches = new ArrayList<>();
        for (int owner = 0; owner < peers.size(); owner++) {
            if (owner != me) {
                int from = owner;
                fetches.add(() -> {
                    BlockId id = names.weights(step, from);
                    ByteBuffer bytes = blocks.await(peers.peer(from), id, step, Phase.ALL_GATHER);
                    flags[from] = BlockFrame.decode(bytes, WireFormat.NONE, weights, layout.offset(from),
                            layout.length(from), id.name());
                    return null;
                });
            }
        }
        runAll(fetches);
        boolean any = false;
        for (boolean f : flags) {
            any |= f;
        }
        return any;
    }

    /**
     * The normal end of the session: waits (one barrier, about 1 s) until every replica has read
     * this replica's last blocks, then removes them.
     */
    public void finish() {
        checkOpen();
        BarrierTaskContext.get().barrier();
        close();
    }

    /** Removes this replica's blocks at once (peers still reading them will fail) and stops the fetch threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (fetchers != null) {
            fetchers.shutdownNow();
        }
        removeStepsBefore(Integer.MAX_VALUE);
    }

    private void put(int step, BlockId id, ByteBuffer frame) {
        blocks.put(id, frame);
        putBlocks.add(new PutBlock(step, id));
    }

    private void removeStepsBefore(int step) {
        while (!putBlocks.isEmpty() && putBlocks.peekFirst().step() < step) {
            blocks.remove(putBlocks.pollFirst().id());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("all-reduce session is closed");
        }
    }

    /** Runs the fetches on the pool; the first failure cancels the others and is rethrown as is. */
    private void runAll(List<Callable<Void>> fetches) throws InterruptedException {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> f : fetches) {
            futures.add(fetchers.submit(f));
        }
        try {
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            for (Future<Void> f : futures) {
                f.cancel(true);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
