package sparkyolo.train;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import sparkyolo.data.ImageRecord;
import sparkyolo.dist.AllReduceOptions;
import sparkyolo.dist.BarrierStage;
import sparkyolo.dist.BlockCollective;
import sparkyolo.dist.PeerDirectory;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopConf;
import sparkyolo.spark.GpuScheduling;
import sparkyolo.spark.SparkSessions;

/**
 * One epoch (or a span of one) of N replicas as one barrier stage: all replicas start together (or none), learn
 * each other's BlockManager once, then synchronize every optimizer step directly with their
 * peers (no driver in the step loop). A failed replica fails the stage; Spark retries the
 * whole stage from the same epoch-start state.
 */
final class DistributedEpochTask {
    private DistributedEpochTask() {
    }

    static EpochTask.Result run(JavaSparkContext sc, TrainState state, Broadcast<List<ImageRecord>> data,
            TrainOptions options, Hyp hyp, int epoch, EpochSpan span, String plotDir, String runId,
            LongAccumulator batchCounter)
            throws IOException {
        Broadcast<byte[]> start = sc.broadcast(state.toCheckpoint(Map.of(), Map.of()).toBytes());
        HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
        int threads = SparkSessions.taskCpus(sc.getConf());
        try {
            sc.setJobGroup(TrainJob.JOB_GROUP, TrainJob.describe(options, epoch, span) + " on " + options.replicas()
                    + " replicas", false);
            List<ReplicaEpoch.Output> out = BarrierStage.run(sc, options.replicas(),
                    GpuScheduling.taskProfile(threads, options.gpusPerReplica()), (BarrierTaskContext ctx) -> {
                PeerDirectory peers = PeerDirectory.exchange(ctx, "epoch " + epoch + " batch " + span.fromBatch());
                AllReduceOptions ar = AllReduceOptions.of(runId, epoch, options.gradCompression());
                try (BlockCollective collective = new BlockCollective(peers, ar)) {
                    ReplicaEpoch.Output mine = ReplicaEpoch.run(start.value(), data, options, hyp, epoch, span, conf,
                            threads, plotDir, collective, batchCounter);
                    // Peers may still be fetching this replica's last blocks: keep them until everyone is done.
                    ctx.barrier();
                    return mine;
                }
            });
            return ReplicaEpoch.merge(state, out);
        } finally {
            sc.clearJobGroup();
            start.destroy();
        }
    }
}
