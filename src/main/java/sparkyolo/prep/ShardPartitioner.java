package sparkyolo.prep;

import org.apache.spark.Partitioner;

/** Sends the image at a position of a split to the partition of its file in the {@link ShardPlan}. */
final class ShardPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final ShardPlan plan;

    ShardPartitioner(ShardPlan plan) {
        this.plan = plan;
    }

    @Override
    public int numPartitions() {
        return plan.files();
    }

    @Override
    public int getPartition(Object position) {
        return plan.fileOf((Integer) position);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardPartitioner p && java.util.Arrays.equals(p.plan.starts(), plan.starts());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(plan.starts());
    }
}
