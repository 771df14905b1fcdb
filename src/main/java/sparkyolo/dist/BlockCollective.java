package sparkyolo.dist;

import java.util.HashMap;
import java.util.Map;

/**
 * The collective of a replica in a barrier stage, on {@link BlockAllReduce}s over the executors'
 * BlockManagers: one for the step's vector (reduce-scatter, then all-gather of the updated
 * slices) and one per small per-replica value (e.g. the gradient norm partials). Step numbers on
 * the wire count this replica's exchanges, so they increase by one on every replica alike.
 */
public final class BlockCollective implements Collective, AutoCloseable {
    private final PeerDirectory peers;
    private final AllReduceOptions options;
    private BlockAllReduce vector;
    private final Map<String, BlockAllReduce> small = new HashMap<>();
    private final Map<String, Integer> smallSteps = new HashMap<>();
    private int vectorStep;

    public BlockCollective(PeerDirectory peers, AllReduceOptions options) {
        this.peers = peers;
        this.options = options;
    }

    @Override
    public int rank() {
        return peers.myRank();
    }

    @Override
    public int size() {
        return peers.size();
    }

    @Override
    public float[] reduceScatter(float[] full, long step) {
        if (vector == null) {
            vector = new BlockAllReduce(peers, full.length, options);
        }
        vectorStep++;
        try {
            return vector.reduceScatter(full, vectorStep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in reduce-scatter of step " + step, e);
        }
    }

    @Override
    public void allGather(float[] full, long step) {
        try {
            vector.allGather(full, vectorStep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in all-gather of step " + step, e);
        }
    }

    @Override
    public float[] gatherAll(float[] mine, long step, String tag) {
        BlockAllReduce ar = small.computeIfAbsent(tag + mine.length, k -> new BlockAllReduce(peers,
                mine.length * peers.size(), new AllReduceOptions(options.runId() + "_" + k, options.epoch(),
                        WireFormat.NONE, options.chunkValues(), options.timeout())));
        int s = smallSteps.merge(tag + mine.length, 1, Integer::sum);
        float[] out = new float[mine.length * peers.size()];
        System.arraycopy(mine, 0, out, mine.length * peers.myRank(), mine.length);
        try {
            ar.allGather(out, s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted gathering " + tag + " of step " + step, e);
        }
        return out;
    }

    @Override
    public long peerWaitNanos() {
        long wait = vector == null ? 0 : vector.peerWaitNanos();
        for (BlockAllReduce ar : small.values()) {
            wait += ar.peerWaitNanos();
        }
        return wait;
    }

    @Override
    public void close() {
        if (vector != null) {
            vector.close();
        }
        small.values().forEach(BlockAllReduce::close);
    }
}
