package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * Each slice travels as blocks of at most {@code chunkValues} values, all requested at once and
 * decoded as they arrive. A replica removes its blocks of step s-2 in step s's reduce-scatter,
 * while its new blocks travel: by then every peer has read them (finishing the all-gather of
 * step s-1 means every owner has put its weights of s-1, so it has read our gradients of s-1
 * and the weights of s-2).
 * One instance per task; not thread-safe.
 */
public final class BlockAllReduce implements AutoCloseable {
    private final PeerDirectory peers;
    private final int size;
    private final SliceBounds mine;
    private final AllReduceOptions options;
    private final BlockNames names;
    private final PeerBlocks blocks;
    private final int chunkValues;
    /**
     * Each replica's decoded part of this owner's slice, reused from step to step (no new large
     * arrays per step). This replica's own part has no array in fp32: it is read in place.
     */
    private final float[][] received;
    /** The reduced slice handed out; overwritten by the next reduce-scatter. */
    private final float[] sum;
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
        this.size = size;
        this.mine = slice(peers.myRank());
        this.options = options;
        this.names = new BlockNames(options.runId(), options.epoch(), task == null ? 0 : task.stageAttemptNumber());
        this.blocks = new PeerBlocks(SparkEnv.get().blockManager(), peers.me(), options.timeout(), task);
        this.chunkValues = options.chunkValues();
        this.received = new float[peers.size()][];
        for (int r = 0; r < received.length; r++) {
            boolean inPlace = r == peers.myRank() && options.gradFormat() == WireFormat.NONE;
            received[r] = inPlace ? null : new float[mine.length()];
        }
        this.sum = new float[mine.length()];
    }

    /** The values of the vector: {@link #slice(int)} of each rank. */
    public int size() {
        return size;
    }

    /** The number of replicas, each owning one slice. */
    public int parts() {
        return peers.size();
    }

    /** The owner slice of {@code rank}. */
    public SliceBounds slice(int rank) {
        return SliceBounds.of(size, peers.size(), rank);
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

    /** How long this session waited for peers' blocks that did not exist yet ({@link PeerBlocks#peerWaitNanos}). */
    public long peerWaitNanos() {
        return blocks.peerWaitNanos();
    }

    /**
     * Step {@code step}'s reduce-scatter: this replica's slice of the sum of all replicas' {@code grads},
     * in an array that the next call overwrites. Steps must increase from call to call.
     */
    public float[] reduceScatter(float[] grads, int step) throws InterruptedException {
        checkOpen();
        if (grads.length != size) {
            throw new IllegalArgumentException("gradient has " + grads.length + " values, expected " + size);
        }
        int stepBefore = previousStep;
        previousStep = step;
        int me = peers.myRank();
        int n = peers.size();
        WireFormat format = options.gradFormat();
        int len = mine.length();
        // In fp32 our own part is summed in place; otherwise it is rounded as the others' are on
        // the wire, so that every contribution is alike.
        if (format != WireFormat.NONE) {
            format.round(grads, mine.from(), len, received[me], 0);
        }
        for (int owner = 0; owner < n; owner++) {
            SliceBounds theirs = slice(owner);
            for (int k = 0; owner != me && k < options.chunks(theirs.length()); k++) {
                put(step, names.gradient(step, me, owner, k), BlockFrame.encode(format, grads,
                        theirs.from() + k * chunkValues, options.chunkLength(theirs.length(), k)));
            }
        }
        List<PeerBlocks.Wanted> wanted = new ArrayList<>();
        for (int sender = 0; sender < n; sender++) {
            for (int k = 0; sender != me && k < options.chunks(len); k++) {
                float[] part = received[sender];
                int at = k * chunkValues;
                int count = options.chunkLength(len, k);
                BlockId id = names.gradient(step, sender, me, k);
                wanted.add(new PeerBlocks.Wanted(peers.peer(sender), id,
                        () -> new FrameDecoder(format, part, at, count, id.name())));
            }
        }
        // Finishing the previous step's all-gather proved every peer done with the step before it;
        // its blocks are removed while ours travel (freeing them takes milliseconds).
        blocks.readAll(wanted, step, Phase.REDUCE_SCATTER, () -> removeStepsBefore(stepBefore));
        sumInRankOrder(grads);
        return sum;
    }

    /**
     * Sums the replicas' parts into {@link #sum} in rank order, ((p0 + p1) + p2) + ..., reading
     * this replica's fp32 part in place from {@code grads}.
     */
    private void sumInRankOrder(float[] grads) {
        int me = peers.myRank();
        int len = sum.length;
        float[][] parts = received.clone();
        int[] at = new int[parts.length];
        if (parts[me] == null) {
            parts[me] = grads;
            at[me] = mine.from();
        }
        if (parts.length == 1) {
            System.arraycopy(parts[0], at[0], sum, 0, len);
            return;
        }
        float[] a = parts[0];
        float[] b = parts[1];
        int atA = at[0];
        int atB = at[1];
        for (int i = 0; i < len; i++) {
            sum[i] = a[atA + i] + b[atB + i];
        }
        for (int r = 2; r < parts.length; r++) {
            float[] c = parts[r];
            int atC = at[r];
            for (int i = 0; i < len; i++) {
                sum[i] += c[atC + i];
            }
        }
    }

    /**
     * Step {@code step}'s all-gather: publishes this owner's slice of {@code vector} (its updated
     * values) and writes every other owner's slice into {@code vector}; always fp32.
     */
    public void allGather(float[] vector, int step) throws InterruptedException {
        checkOpen();
        if (vector.length != size) {
            throw new IllegalArgumentException("vector of " + vector.length + " values, expected " + size);
        }
        int me = peers.myRank();
        for (int k = 0; k < options.chunks(mine.length()); k++) {
            put(step, names.weights(step, me, k), BlockFrame.encode(WireFormat.NONE, vector,
                    mine.from() + k * chunkValues, options.chunkLength(mine.length(), k)));
        }
        List<PeerBlocks.Wanted> wanted = new ArrayList<>();
        for (int owner = 0; owner < peers.size(); owner++) {
            SliceBounds theirs = slice(owner);
            for (int k = 0; owner != me && k < options.chunks(theirs.length()); k++) {
                int at = theirs.from() + k * chunkValues;
                int count = options.chunkLength(theirs.length(), k);
                BlockId id = names.weights(step, owner, k);
                wanted.add(new PeerBlocks.Wanted(peers.peer(owner), id,
                        () -> new FrameDecoder(WireFormat.NONE, vector, at, count, id.name())));
            }
        }
        blocks.readAll(wanted, step, Phase.ALL_GATHER);
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

    /** Removes this replica's blocks at once (peers still reading them will fail). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
}
