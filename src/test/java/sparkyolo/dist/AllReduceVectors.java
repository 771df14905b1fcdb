package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/** Known gradients of the all-reduce tests, their expected sums, and steps run by every replica of a test. */
final class AllReduceVectors {
    private AllReduceVectors() {
    }

    /** Replica {@code rank}'s gradient at {@code step}: magnitudes 1e-6..1e2, both signs. */
    static float[] gradient(int size, int rank, int step) {
        SplittableRandom random = new SplittableRandom(1000L * step + rank);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-6, 2)));
        }
        return v;
    }

    /** The values as they travel in {@code format}. */
    static float[] travelled(WireFormat format, float[] v) {
        ByteBuffer frame = BlockFrame.encode(format, v, 0, v.length);
        float[] out = new float[v.length];
        BlockFrame.decode(frame, format, out, 0, v.length, "expected");
        return out;
    }

    /** The fp32 sum over ranks 0..n-1 in that order of the travelled gradients. */
    static float[] rankOrderSum(WireFormat format, int size, int n, int step) {
        float[] sum = travelled(format, gradient(size, 0, step));
        for (int r = 1; r < n; r++) {
            float[] g = travelled(format, gradient(size, r, step));
            for (int i = 0; i < size; i++) {
                sum[i] += g[i];
            }
        }
        return sum;
    }

    /** Runs {@code steps} all-reduces (reduce-scatter, the summed slice as the new weights, all-gather). */
    static float[][] allReduceSteps(BlockAllReduce ar, int size, int steps) throws InterruptedException {
        float[][] results = new float[steps][];
        for (int step = 0; step < steps; step++) {
            float[] slice = ar.reduceScatter(gradient(size, ar.myRank(), step), step);
            results[step] = new float[size];
            System.arraycopy(slice, 0, results[step], ar.slice(ar.myRank()).from(), slice.length);
            ar.allGather(results[step], step);
        }
        return results;
    }

    /**
     * One all-reduce step across {@code replicas} in which rank 1 starts 2 s late: it must find the
     * others' blocks there (waiting < 0.5 s), while every other rank waits for it at least 1 s
     * (replicas leave the stage-start barrier up to 1 s apart).
     */
    static void assertOnlyTheOthersWaitForALateRank(JavaSparkContext jsc, int replicas, int size) {
        int lateRank = 1;
        List<Long> waitNanos = BarrierStage.run(jsc, replicas, ctx -> peerWaitWithALateRank(ctx, size, lateRank, 2000));
        for (int r = 0; r < waitNanos.size(); r++) {
            if (r == lateRank) {
                assertTrue(waitNanos.get(r) < 500_000_000L, "the late rank found the others' blocks there: " + waitNanos);
            } else {
                assertTrue(waitNanos.get(r) >= 1_000_000_000L, "rank " + r + " waited for the late rank: " + waitNanos);
            }
        }
    }

    /** Run by every task: one step in which {@code lateRank} starts {@code lateMillis} late; how long this replica waited for peers. */
    private static long peerWaitWithALateRank(BarrierTaskContext ctx, int size, int lateRank, long lateMillis)
            throws InterruptedException {
        PeerDirectory peers = PeerDirectory.exchange(ctx, "");
        try (BlockAllReduce ar = new BlockAllReduce(peers, size, AllReduceOptions.of("late", 0, WireFormat.NONE))) {
            if (peers.myRank() == lateRank) {
                Thread.sleep(lateMillis);
            }
            allReduceSteps(ar, size, 1);
            ar.finish();
            return ar.peerWaitNanos();
        }
    }
}
