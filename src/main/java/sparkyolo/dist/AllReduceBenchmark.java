package sparkyolo.dist;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Times the all-reduce (reduce-scatter + all-gather, without the optimizer update in between) of
 * YOLOv5-sized gradient vectors inside one barrier stage, next to raw loopback TCP between
 * ranks 0 and 1. Bandwidth is the bytes a replica receives per round over the round's time.
 */
public final class AllReduceBenchmark {
    private static final Logger LOG = LogManager.getLogger(AllReduceBenchmark.class);
    /** YOLOv5n and YOLOv5s parameter counts. */
    public static final List<Integer> YOLO_SIZES = List.of(1_872_157, 7_235_389);

    private AllReduceBenchmark() {
    }

    public record Settings(int replicas, int rounds, int warmup, List<Integer> sizes, List<WireFormat> formats,
            List<Integer> chunkValues) implements Serializable {
    }

    /**
     * One configuration's timing: medians over the timed rounds, of the slowest replica.
     *
     * @param bytesPerRound bytes a replica receives per round (block headers included)
     * @param tcpMbPerSec loopback TCP bandwidth for the vector's fp32 bytes each way, between ranks 0 and 1
     * @param fetchMbPerSec BlockManager bandwidth for one owner slice's fp32 block, fetched by ranks 0
     *                      and 1 from each other at once ({@link BlockFetchProbe}): the all-reduce's ceiling
     * @param emptyPollsPerRound polls of a missing block per round and replica (failed requests)
     */
    public record Result(int size, WireFormat format, int chunkValues, double msPerRound, double reduceScatterMs,
            double allGatherMs, long bytesPerRound, double tcpMbPerSec, double fetchMbPerSec, double emptyPollsPerRound) implements Serializable {

        public double mbPerSec() {
            return bytesPerRound / 1e6 / (msPerRound / 1e3);
        }

        public double ratioToTcp() {
            return mbPerSec() / tcpMbPerSec;
        }
    }

    public static List<Result> run(JavaSparkContext sc, Settings settings) {
        List<List<Result>> byRank = BarrierStage.run(sc, settings.replicas(), ctx -> replica(ctx, settings));
        List<Result> slowest = new ArrayList<>(byRank.get(0));
        for (List<Result> rank : byRank) {
            for (int i = 0; i < slowest.size(); i++) {
                Result a = slowest.get(i);
                Result b = rank.get(i);
                if (b.msPerRound() > a.msPerRound()) {
                    slowest.set(i, new Result(b.size(), b.format(), b.chunkValues(), b.msPerRound(), b.reduceScatterMs(),
                            b.allGatherMs(), b.bytesPerRound(), a.tcpMbPerSec(), a.fetchMbPerSec(), b.emptyPollsPerRound()));
                }
            }
        }
        return slowest;
    }

    private static List<Result> replica(BarrierTaskContext ctx, Settings s) throws Exception {
        List<Result> results = new ArrayList<>();
        try (LoopbackTcp tcp = LoopbackTcp.listen()) {
            PeerDirectory peers = PeerDirectory.exchange(ctx, Integer.toString(tcp.port()));
            int me = peers.myRank();
            int session = 0;
            for (int size : s.sizes()) {
                double tcpMbPerSec = Double.NaN;
                if (me <= 1 && peers.size() >= 2) {
                    long bytes = 4L * size;
                    double[] ms = tcp.exchange(me == 0, Integer.parseInt(peers.peer(1 - me).note()), bytes,
                            s.warmup() + s.rounds());
                    tcpMbPerSec = bytes / 1e6 / (median(Arrays.copyOfRange(ms, s.warmup(), ms.length)) / 1e3);
                }
                int sliceValues = SliceBounds.of(size, peers.size(), 0).length();
                double[] fetchMs = BlockFetchProbe.fetchMillis(peers, sliceValues, s.warmup() + s.rounds());
                double fetchMbPerSec = fetchMs.length == 0 ? Double.NaN
                        : (BlockFrame.HEADER_BYTES + 4.0 * sliceValues) / 1e6
                                / (median(Arrays.copyOfRange(fetchMs, s.warmup(), fetchMs.length)) / 1e3);
                float[] grads = randomGradient(size, me);
                float[] weights = randomGradient(size, me + peers.size());
                for (WireFormat format : s.formats()) {
                    for (int chunk : s.chunkValues()) {
                        AllReduceOptions options = AllReduceOptions.of("bench", session++, format).withChunkValues(chunk);
                        try (BlockAllReduce ar = new BlockAllReduce(peers, size, options)) {
                            results.add(time(ar, s, grads, weights, tcpMbPerSec, fetchMbPerSec));
                            ar.finish();
                        }
                    }
                }
            }
        }
        return results;
    }

    private static Result time(BlockAllReduce ar, Settings s, float[] grads, float[] weights, double tcpMbPerSec,
            double fetchMbPerSec)
            throws InterruptedException {
        double[] rs = new double[s.rounds()];
        double[] ag = new double[s.rounds()];
        double[] total = new double[s.rounds()];
        long pollsBefore = 0;
        for (int step = 0; step < s.warmup() + s.rounds(); step++) {
            if (step == s.warmup()) {
                pollsBefore = ar.emptyPolls();
            }
            long t0 = System.nanoTime();
            float[] slice = ar.reduceScatter(grads, step);
            SliceBounds mine = ar.slice(ar.myRank());
            System.arraycopy(slice, 0, weights, mine.from(), mine.length());
            long t1 = System.nanoTime();
            ar.allGather(weights, step);
            long t2 = System.nanoTime();
            int k = step - s.warmup();
            if (k >= 0) {
                rs[k] = (t1 - t0) / 1e6;
                ag[k] = (t2 - t1) / 1e6;
                total[k] = (t2 - t0) / 1e6;
            }
        }
        int me = ar.myRank();
        AllReduceOptions options = ar.options();
        int mine = ar.slice(me).length();
        long bytes = 0;
        for (int r = 0; r < ar.parts(); r++) {
            if (r != me) {
                int theirs = ar.slice(r).length();
                bytes += (long) BlockFrame.HEADER_BYTES * options.chunks(mine) + (long) mine * options.gradFormat().bytesPerValue();
                bytes += (long) BlockFrame.HEADER_BYTES * options.chunks(theirs) + 4L * theirs;
            }
        }
        return new Result(ar.size(), options.gradFormat(), options.chunkValues(), median(total), median(rs), median(ag), bytes,
                tcpMbPerSec, fetchMbPerSec, (ar.emptyPolls() - pollsBefore) / (double) s.rounds());
    }

    private static float[] randomGradient(int size, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] g = new float[size];
        for (int i = 0; i < size; i++) {
            g[i] = (float) random.nextGaussian() * 1e-3f;
        }
        return g;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static void log(List<Result> results) {
        LOG.info(String.format("%10s %6s %8s %10s %8s %8s %10s %9s %9s %7s %11s %9s", "floats", "grads", "chunk", "ms/round",
                "RS ms", "AG ms", "MB/round", "MB/s", "TCP MB/s", "ratio", "fetch MB/s", "misses/r"));
        for (Result r : results) {
            LOG.info(String.format("%10d %6s %8d %10.1f %8.1f %8.1f %10.2f %9.0f %9.0f %7.2f %11.0f %9.1f", r.size(),
                    r.format().name().toLowerCase(Locale.ROOT), r.chunkValues(), r.msPerRound(),
                    r.reduceScatterMs(), r.allGatherMs(), r.bytesPerRound() / 1e6, r.mbPerSec(), r.tcpMbPerSec(),
                    r.ratioToTcp(), r.fetchMbPerSec(), r.emptyPollsPerRound()));
        }
    }
}
