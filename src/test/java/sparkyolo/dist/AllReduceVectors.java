package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Known gradients of the all-reduce tests and their expected sums. */
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
        ByteBuffer frame = BlockFrame.encode(format, v, 0, v.length, ByteBuffer.allocate(0));
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
            ReducedSlice slice = ar.reduceScatter(gradient(size, ar.myRank(), step), step);
            results[step] = new float[size];
            ar.allGather(slice.values(), slice.nonFinite(), step, results[step]);
        }
        return results;
    }
}
