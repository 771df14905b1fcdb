package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.runtime.AbstractFunction1;

/**
 * The protocol in local mode: three replicas in one JVM sharing one BlockManager (users run
 * local mode too). Three, so that the rank order of the sum matters.
 */
class BlockAllReduceLocalTest {
    private static final int SIZE = 1001;
    private static final int N = 3;
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        // A barrier stage of N tasks needs N slots: replace the shared local[2] session for this class.
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        spark = SparkSession.builder().master("local[" + N + "]").appName("dist-tests")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    @Test
    void sumsInRankOrderExactlyAndEveryReplicaGetsTheSameWeights() {
        WireFormat[] formats = WireFormat.values();
        int steps = 4;
        List<float[][][]> byRank = BarrierStage.run(jsc, N, ctx -> {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            float[][][] out = new float[formats.length][][];
            for (int f = 0; f < formats.length; f++) {
                try (BlockAllReduce ar = new BlockAllReduce(peers, SIZE, AllReduceOptions.of("exact", f, formats[f]))) {
                    out[f] = AllReduceVectors.allReduceSteps(ar, SIZE, steps);
                    ar.finish();
                }
            }
            return out;
        });
        for (int f = 0; f < formats.length; f++) {
            for (int step = 0; step < steps; step++) {
                float[] expected = AllReduceVectors.rankOrderSum(formats[f], SIZE, N, step);
                for (int r = 0; r < N; r++) {
                    assertArrayEquals(expected, byRank.get(r)[f][step], formats[f] + " step " + step + " rank " + r);
                }
            }
        }
        assertTrue(rankOrderMatters(), "the data must tell rank order from another order");
        assertBf16WithinBound(byRank.get(0)[WireFormat.BF16.ordinal()][0]);
        assertEquals(0, allReduceBlocks(), "blocks left in the BlockManager");
    }

    /** Summing in another order gives other floats somewhere, so the exact comparison checks the order. */
    private static boolean rankOrderMatters() {
        float[][] g = new float[N][];
        for (int r = 0; r < N; r++) {
            g[r] = AllReduceVectors.gradient(SIZE, r, 0);
        }
        for (int i = 0; i < SIZE; i++) {
            if ((g[0][i] + g[1][i]) + g[2][i] != g[0][i] + (g[1][i] + g[2][i])) {
                return true;
            }
        }
        return false;
    }

    /** bf16 rounds each contribution by at most 2^-8 of it; the fp32 sum adds at most 2^-23 of the total. */
    private static void assertBf16WithinBound(float[] result) {
        for (int i = 0; i < SIZE; i++) {
            double exact = 0;
            double magnitude = 0;
            for (int r = 0; r < N; r++) {
                float g = AllReduceVectors.gradient(SIZE, r, 0)[i];
                exact += g;
                magnitude += Math.abs(g);
            }
            double bound = (0x1p-8 + 0x1p-22) * magnitude;
            assertTrue(Math.abs(result[i] - exact) <= bound, "element " + i + ": " + result[i] + " vs " + exact);
        }
    }

    @Test
    void waitingForASlowerPeerIsToldApartFromTheTransfer() {
        AllReduceVectors.assertOnlyTheOthersWaitForALateRank(jsc, N, SIZE);
    }

    @Test
    void blocksOfThePreviousStepOutliveTheNextStepsReduceScatterWhenStepsSkipIterations() {
        // With gradient accumulation, optimizer steps are every few iterations (0, 4, 8). A replica's
        // weight slice of step 4 may still be on its way to a slow peer while the replica reduces
        // step 8; its blocks of step 0 are gone by the end of that reduce-scatter.
        List<Boolean> keptAndRemoved = BarrierStage.run(jsc, N, ctx -> {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            int rank = peers.myRank();
            BlockNames names = new BlockNames("gap", 0, ctx.stageAttemptNumber());
            boolean asExpected = true;
            try (BlockAllReduce ar = new BlockAllReduce(peers, SIZE, AllReduceOptions.of("gap", 0, WireFormat.NONE))) {
                float[] weights = new float[SIZE];
                for (int step = 0; step <= 8; step += 4) {
                    float[] slice = ar.reduceScatter(AllReduceVectors.gradient(SIZE, rank, step), step);
                    if (step > 0) {
                        BlockId previous = names.weights(step - 4, rank, 0);
                        var data = SparkEnv.get().blockManager().getLocalBytes(previous);
                        asExpected &= data.isDefined();
                        if (data.isDefined()) {
                            SparkEnv.get().blockManager().releaseLockAndDispose(previous, data.get(), scala.Option.empty());
                        }
                    }
                    if (step == 8) {
                        asExpected &= SparkEnv.get().blockManager().getStatus(names.weights(0, rank, 0)).isEmpty();
                    }
                    System.arraycopy(slice, 0, weights, ar.slice(rank).from(), slice.length);
                    ar.allGather(weights, step);
                }
                ar.finish();
            }
            return asExpected;
        });
        assertEquals(List.of(true, true, true), keptAndRemoved);
    }

    @Test
    void aPeerThatNeverPutsFailsTheOthersWithItsRankAndStep() {
        long start = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> BarrierStage.run(jsc, N, ctx -> {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            if (peers.myRank() == 2) {
                waitUntilKilled(ctx);
                return null;
            }
            // Replicas leave the stage-start barrier up to 1 s apart (Spark polls it once a second).
            AllReduceOptions options = AllReduceOptions.of("hang", 0, WireFormat.NONE).withTimeout(Duration.ofSeconds(3));
            try (BlockAllReduce ar = new BlockAllReduce(peers, SIZE, options)) {
                AllReduceVectors.allReduceSteps(ar, SIZE, 1);
            }
            return null;
        }));
        String message = e.getMessage();
        assertTrue(message.contains("PeerTimeoutException: rank 2 (executor driver at"), message);
        assertTrue(message.contains("did not provide its reduce-scatter block of step 0 within"), message);
        assertTrue(System.nanoTime() - start < 20e9, "took " + (System.nanoTime() - start) / 1e9 + " s");
    }

    @Test
    void aPeerThatFailsEndsTheStageWithoutWaitingForTheTimeout() {
        long start = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> BarrierStage.run(jsc, N, ctx -> {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            if (peers.myRank() == 1) {
                throw new IllegalStateException("replica 1 broke");
            }
            try (BlockAllReduce ar = new BlockAllReduce(peers, SIZE, AllReduceOptions.of("fail", 0, WireFormat.NONE))) {
                AllReduceVectors.allReduceSteps(ar, SIZE, 1);
            }
            return null;
        }));
        assertTrue(e.getMessage().contains("replica 1 broke"), e.getMessage());
        assertTrue(System.nanoTime() - start < 20e9, "took " + (System.nanoTime() - start) / 1e9 + " s");
        assertFalse(e.getMessage().contains("PeerTimeoutException"), e.getMessage());
    }

    static void waitUntilKilled(org.apache.spark.TaskContext ctx) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!ctx.isInterrupted() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** All-reduce blocks in this JVM's BlockManager (local mode: the one all replicas share). */
    private static int allReduceBlocks() {
        List<BlockId> ids = scala.collection.JavaConverters.seqAsJavaList(
                SparkEnv.get().blockManager().getMatchingBlockIds(new AbstractFunction1<BlockId, Object>() {
                    @Override
                    public Object apply(BlockId id) {
                        return id.name().startsWith("test_" + BlockNames.PREFIX);
                    }
                }));
        return ids.size();
    }
}
