package sparkyolo.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sparkyolo.dist.SliceBounds;

/**
 * What one replica trains on in an epoch: for every global batch (one iteration of the
 * original), its share of the images (global batch split near-evenly across replicas in rank
 * order), cut into micro-batches of at most {@code microBatch} images. A share may be empty
 * when the last global batch has fewer images than replicas.
 */
public record EpochPlan(List<List<int[]>> iterations, int[] globalSizes, int microBatch) {
    /**
     * @param order      the epoch's image order (the same on every replica)
     * @param microBatch largest forward pass in images; 0 means the whole share at once
     */
    public static EpochPlan of(int[] order, int batchSize, int replicas, int rank, int microBatch) {
        List<List<int[]>> out = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int[] global = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
            sizes.add(global.length);
            SliceBounds share = SliceBounds.of(global.length, replicas, rank);
            int step = microBatch > 0 ? microBatch : Math.max(share.length(), 1);
            List<int[]> micro = new ArrayList<>();
            for (int m = share.from(); m < share.to(); m += step) {
                micro.add(Arrays.copyOfRange(global, m, Math.min(share.to(), m + step)));
            }
            out.add(micro);
        }
        return new EpochPlan(out, sizes.stream().mapToInt(Integer::intValue).toArray(), microBatch);
    }

    /** How many forward passes replica {@code rank} of {@code replicas} makes in iteration {@code b}. */
    public int forwardsOf(int b, int rank, int replicas) {
        int share = SliceBounds.of(globalSizes[b], replicas, rank).length();
        if (share == 0) {
            return 0;
        }
        int step = microBatch > 0 ? microBatch : share;
        return (share + step - 1) / step;
    }

    /** Every micro-batch in order, for the loader. */
    public List<int[]> microBatches() {
        return microBatchesFrom(0);
    }

    /** The micro-batches of global batches {@code batch} and after, in order. */
    public List<int[]> microBatchesFrom(int batch) {
        List<int[]> out = new ArrayList<>();
        iterations.subList(batch, iterations.size()).forEach(out::addAll);
        return out;
    }
}
