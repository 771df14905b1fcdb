package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sparkyolo.dist.SliceBounds;
import sparkyolo.engine.Engines;
import sparkyolo.model.layers.ConvBlock;

/**
 * The BatchNorm running statistics of N replicas combined at each optimizer step as if one replica
 * had run every forward pass of the window since the last step, in the reference order (iteration
 * by iteration, replicas in rank order, micro-batches in order). A pass t updates a statistic to
 * {@code (1−m)·old + u_t} with {@code u_t = m·(batch statistic)}; after F passes it is
 * {@code (1−m)^F·old + Σ_t (1−m)^(F−1−t)·u_t}. Each replica sends the sum over its own passes,
 * scaled by their places in that order; the owner of an element adds them to
 * {@code (1−m)^F·old}. Other buffers (anchors) contribute 0 and keep their value.
 */
final class BatchNormSync implements BatchNormStatistics {
    private final FlatLayout buffers;
    private final List<NDArray> batchCounters;
    private final int rank;
    private final float[] before;
    private final float[] after;
    /** Forward passes per replica of each iteration since the last sync. */
    private final List<int[]> windowForwards = new ArrayList<>();
    /** This replica's updates (m·batch statistic) since the last sync, with their iteration and micro-batch. */
    private final List<float[]> ownUpdates = new ArrayList<>();
    private final List<int[]> ownUpdatePlaces = new ArrayList<>();
    private int forwardsSinceSync;
    private long forwardsOfOthers;

    /** @param batchCounters the BatchNorm layers' num_batches_tracked, which count every replica's passes */
    BatchNormSync(FlatLayout buffers, List<NDArray> batchCounters, int rank) {
        this.buffers = buffers;
        this.batchCounters = batchCounters;
        this.rank = rank;
        this.before = new float[buffers.size()];
        this.after = new float[buffers.size()];
    }

    @Override
    public int vectorLength() {
        return buffers.size();
    }

    @Override
    public void beforeForward() {
        forwardsSinceSync++;
        buffers.valuesInto(before, 0);
    }

    /** Keeps m·(batch statistic) of the pass: after − (1−m)·before, for the BatchNorm statistics. */
    @Override
    public void afterForward(int micro) {
        buffers.valuesInto(after, 0);
        float keep = (float) (1 - ConvBlock.BN_MOMENTUM);
        float[] update = new float[after.length];
        for (FlatLayout.Segment s : buffers.segments()) {
            if (StateLayout.isBatchNormStatistic(s.name())) {
                for (int j = s.offset(); j < s.offset() + s.size(); j++) {
                    update[j] = after[j] - keep * before[j];
                }
            }
        }
        ownUpdates.add(update);
        ownUpdatePlaces.add(new int[] {windowForwards.size(), micro});
    }

    @Override
    public void iterationDone(int[] forwardsPerReplica) {
        windowForwards.add(forwardsPerReplica);
    }

    @Override
    public boolean pending() {
        return windowPasses() > 0;
    }

    @Override
    public void contributionsInto(float[] vector, int at) {
        Arrays.fill(vector, at, at + buffers.size(), 0f);
        int total = windowPasses();
        for (int u = 0; u < ownUpdates.size(); u++) {
            int[] place = ownUpdatePlaces.get(u);
            int position = place[1];
            for (int w = 0; w < place[0]; w++) {
                position += Arrays.stream(windowForwards.get(w)).sum();
            }
            for (int r = 0; r < rank; r++) {
                position += windowForwards.get(place[0])[r];
            }
            float scale = (float) Math.pow(1 - ConvBlock.BN_MOMENTUM, total - 1 - position);
            float[] update = ownUpdates.get(u);
            for (int j = 0; j < update.length; j++) {
                vector[at + j] += scale * update[j];
            }
        }
    }

    @Override
    public void combineInto(float[] state, float[] summed, SliceBounds owned, int at) {
        int total = windowPasses();
        float keepAll = (float) Math.pow(1 - ConvBlock.BN_MOMENTUM, total);
        for (FlatLayout.Segment s : buffers.segments()) {
            if (!StateLayout.isBatchNormStatistic(s.name())) {
                continue;
            }
            for (int j = s.offset(); j < s.offset() + s.size(); j++) {
                int k = at + j - owned.from();
                if (k >= 0 && k < owned.length()) {
                    state[at + j] = keepAll * state[at + j] + summed[k];
                }
            }
        }
        forwardsOfOthers = total - forwardsSinceSync;
        windowForwards.clear();
        ownUpdates.clear();
        ownUpdatePlaces.clear();
    }

    @Override
    public void writeBack(float[] state, int at) {
        long others = forwardsOfOthers;
        Engines.withoutGrad(() -> {
            buffers.setValues(state, at);
            batchCounters.forEach(c -> c.addi(others));
            return null;
        });
        forwardsSinceSync = 0;
    }

    @Override
    public float[] current(float[] state, int at) {
        return Arrays.copyOfRange(state, at, at + buffers.size());
    }

    @Override
    public float[] values() {
        return buffers.values();
    }

    /** Forward passes of all replicas since the last sync. */
    private int windowPasses() {
        return windowForwards.stream().mapToInt(f -> Arrays.stream(f).sum()).sum();
    }
}
