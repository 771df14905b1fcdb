package sparkyolo.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol between two executor JVMs ({@code local-cluster[2,1,1024]}), with one or many
 * blocks per slice, and the all-reduce benchmark. Needs the Spark home that {@code mvn package} assembles in target/spark-home.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BlockAllReduceClusterIT {
    private static final int SIZE = 100_003;
    private static final int N = 2;
    private static final Path SPARK_HOME = Path.of("target/spark-home").toAbsolutePath();
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isDirectory(SPARK_HOME.resolve("jars")), "no " + SPARK_HOME + "/jars: run mvn package first");
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        // A local-cluster Worker finds the Spark home through $SPARK_HOME, or in testing mode through
        // spark.test.home; the test JVM cannot set environment variables, so testing mode it is.
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", SPARK_HOME.toString());
        spark = SparkSession.builder().master("local-cluster[" + N + ",1,1024]").appName("dist-cluster-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                .config("spark.executor.extraClassPath",
                        Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath())
                // Executors register a few seconds after the context: recheck the barrier's slots every second.
                .config("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s")
                // A failed replica fails the job at once (no stage or task retries).
                .config("spark.task.maxFailures", "1")
                .config("spark.stage.maxConsecutiveAttempts", "1")
                .getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
        System.clearProperty("spark.testing");
        System.clearProperty("spark.test.home");
    }

    /** One replica's sums per session and step, its empty polls, and its executor's log lines about missing blocks. */
    record ReplicaResult(float[][][] sums, long emptyPolls, List<String> missLogLines) implements Serializable {
    }

    record Session(WireFormat format, int chunkValues) implements Serializable {
    }

    @Test
    void sumsExactlyAcrossExecutorsInOneOrManyBlocksPerSlice() {
        // One block per slice, and slices of 50,002 values in 8 blocks.
        List<Session> sessions = List.of(new Session(WireFormat.NONE, AllReduceOptions.DEFAULT_CHUNK_VALUES),
                new Session(WireFormat.BF16, AllReduceOptions.DEFAULT_CHUNK_VALUES), new Session(WireFormat.NONE, 6_500));
        int steps = 3;
        List<ReplicaResult> byRank = BarrierStage.run(jsc, N, ctx -> {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            float[][][] out = new float[sessions.size()][][];
            long emptyPolls = 0;
            for (int s = 0; s < sessions.size(); s++) {
                AllReduceOptions options = AllReduceOptions.of("cluster", s, sessions.get(s).format())
                        .withChunkValues(sessions.get(s).chunkValues());
                try (BlockAllReduce ar = new BlockAllReduce(peers, SIZE, options)) {
                    if (peers.myRank() == 1) {
                        Thread.sleep(100); // so that rank 0's first direct fetches miss
                    }
                    out[s] = AllReduceVectors.allReduceSteps(ar, SIZE, steps);
                    ar.finish();
                    emptyPolls += ar.emptyPolls();
                }
            }
            // An executor runs in its Worker directory, where the Worker writes its stderr.
            List<String> missLines = Files.readAllLines(Path.of("stderr")).stream()
                    .filter(line -> line.contains("BlockNotFoundException")).toList();
            return new ReplicaResult(out, emptyPolls, missLines);
        });
        for (int s = 0; s < sessions.size(); s++) {
            for (int step = 0; step < steps; step++) {
                float[] expected = AllReduceVectors.rankOrderSum(sessions.get(s).format(), SIZE, N, step);
                for (int r = 0; r < N; r++) {
                    assertArrayEquals(expected, byRank.get(r).sums()[s][step], sessions.get(s) + " step " + step + " rank " + r);
                }
            }
        }
        assertTrue(byRank.get(0).emptyPolls() > 0, "rank 0 fetched before rank 1 had put");
        for (ReplicaResult r : byRank) {
            assertEquals(List.of(), r.missLogLines(), "direct-fetch misses must not be logged");
        }
    }

    @Test
    void waitingForASlowerPeerIsToldApartFromTheTransfer() {
        AllReduceVectors.assertOnlyTheOthersWaitForALateRank(jsc, N, SIZE);
    }

    @Test
    void theBenchmarkTimesEachSettingBesideTcpAndTheBlockFetchCeiling() {
        var settings = new AllReduceBenchmark.Settings(N, 3, 1, List.of(10_001), List.of(WireFormat.NONE),
                List.of(AllReduceOptions.DEFAULT_CHUNK_VALUES, 1000));
        List<AllReduceBenchmark.Result> results = AllReduceBenchmark.run(jsc, settings);
        assertEquals(2, results.size());
        // A replica receives the peer's gradient part of its own slice and the peer's weight slice
        // (5001 + 5000 fp32 values), with an 8-byte header per block: 2 blocks, or 6 + 5 of 1000 values.
        assertEquals(2 * 8 + 4 * 10_001, results.get(0).bytesPerRound());
        assertEquals(11 * 8 + 4 * 10_001, results.get(1).bytesPerRound());
        for (AllReduceBenchmark.Result r : results) {
            assertTrue(r.msPerRound() > 0 && r.reduceScatterMs() > 0 && r.allGatherMs() > 0, r.toString());
            assertTrue(r.tcpMbPerSec() > 0 && Double.isFinite(r.tcpMbPerSec()), r.toString());
            assertTrue(r.fetchMbPerSec() > 0 && Double.isFinite(r.fetchMbPerSec()), r.toString());
        }
    }

    @Test
    void aPeerThatNeverPutsFailsTheOtherWithItsRankAndStep() {
        long start = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> BarrierStage.run(jsc, N, ctx -> {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "");
            if (peers.myRank() == 1) {
                BlockAllReduceLocalTest.waitUntilKilled(ctx);
                return null;
            }
            // Replicas leave the stage-start barrier up to 1 s apart (Spark polls it once a second).
            AllReduceOptions options = AllReduceOptions.of("hang", 0, WireFormat.BF16).withTimeout(Duration.ofSeconds(3));
            try (BlockAllReduce ar = new BlockAllReduce(peers, SIZE, options)) {
                AllReduceVectors.allReduceSteps(ar, SIZE, 1);
            }
            return null;
        }));
        String message = e.getMessage();
        assertTrue(message.contains("PeerTimeoutException: rank 1 (executor "), message);
        assertTrue(message.contains("did not provide its reduce-scatter block of step 0 within"), message);
        assertTrue(message.contains("BlockNotFoundException: Block test_sy-hang-0-0-0-g-1-0-0 not found"), message);
        assertFalse(message.contains("executor driver"), "the peer is another executor: " + message);
        assertTrue(System.nanoTime() - start < 60e9, "took " + (System.nanoTime() - start) / 1e9 + " s");
    }
}
