package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.TestBlockId;

/**
 * The ceiling the BlockManager transport sets for the all-reduce: ranks 0 and 1 fetch the other's
 * block of a given size over and over at the same time, with nothing else to wait for. Every rank
 * of the barrier stage must call it (it uses two barriers).
 */
final class BlockFetchProbe {
    /** Takes the bytes without looking at them: the probe times the transport alone. */
    private static final PeerBlocks.Sink DISCARD = new PeerBlocks.Sink() {
        @Override
        public void accept(ByteBuffer piece) {
        }

        @Override
        public void finish() {
        }
    };

    private BlockFetchProbe() {
    }

    /** @return the milliseconds of each fetch of ranks 0 and 1 (empty on other ranks) */
    static double[] fetchMillis(PeerDirectory peers, int values, int rounds) throws InterruptedException {
        PeerBlocks blocks = new PeerBlocks(SparkEnv.get().blockManager(), peers.me(), AllReduceOptions.DEFAULT_TIMEOUT,
                BarrierTaskContext.get());
        int me = peers.myRank();
        TestBlockId mine = id(values, me);
        ByteBuffer frame = BlockFrame.encode(WireFormat.NONE, new float[values], 0, values);
        blocks.put(mine, frame);
        BarrierTaskContext.get().barrier();
        double[] ms = new double[me <= 1 && peers.size() >= 2 ? rounds : 0];
        for (int r = 0; r < ms.length; r++) {
            long t0 = System.nanoTime();
            blocks.readAll(List.of(new PeerBlocks.Wanted(peers.peer(1 - me), id(values, 1 - me), () -> DISCARD)), r,
                    Phase.ALL_GATHER);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        BarrierTaskContext.get().barrier();
        blocks.remove(mine);
        return ms;
    }

    private static TestBlockId id(int values, int rank) {
        return new TestBlockId(BlockNames.PREFIX + "probe-" + values + "-" + rank);
    }
}
