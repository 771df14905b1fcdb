package sparkyolo.train;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.util.LongAccumulator;
import sparkyolo.data.ImageRecord;
import sparkyolo.dist.AllReduceOptions;
import sparkyolo.dist.BarrierStage;
import sparkyolo.dist.BlockCollective;
import sparkyolo.dist.Collective;
import sparkyolo.dist.PeerDirectory;
import sparkyolo.dist.SingleReplica;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopConf;
import sparkyolo.spark.GpuScheduling;
import sparkyolo.spark.SparkSessions;

/**
 * One epoch (or a span of one) as one Spark job: a task per replica, each training its share of
 * every global batch from the same start state. One replica runs as a plain task (which works
 * under dynamic allocation, e.g. in a notebook); several run as a barrier stage: they start
 * together (or none), learn each other's BlockManager once, then synchronize every optimizer step
 * directly with their peers (no driver in the step loop). A failed replica fails the job, which
 * the driver then runs again from the same start state ({@link JobRetry}).
 */
final class EpochJob {
    /** The driver's view of a finished epoch: the next state, rank 0's statistics and everyone's. */
    record Result(TrainState state, EpochStats stats, List<EpochStats> replicaStats) {
        /** Consecutive spans of one epoch as one result (the last span's state). */
        static Result combine(List<Result> spans) {
            if (spans.size() == 1) {
                return spans.get(0);
            }
            List<EpochStats> replicas = new ArrayList<>();
            for (int r = 0; r < spans.get(0).replicaStats().size(); r++) {
                int rank = r;
                replicas.add(EpochStats.combine(spans.stream().map(s -> s.replicaStats().get(rank)).toList()));
            }
            return new Result(spans.get(spans.size() - 1).state(),
                    EpochStats.combine(spans.stream().map(Result::stats).toList()), replicas);
        }
    }

    private EpochJob() {
    }

    /**
     * @param plotDir where to draw the first training batches (run directory), or null
     * @param runId   makes the run's all-reduce block names unique
     */
    static Result run(JavaSparkContext sc, TrainState state, Broadcast<List<ImageRecord>> data, TrainOptions options,
            Hyp hyp, int epoch, EpochSpan span, String plotDir, String runId, LongAccumulator batchCounter)
            throws IOException {
        Broadcast<byte[]> start = sc.broadcast(state.toCheckpoint(Map.of(), Map.of()).toBytes());
        int threads = SparkSessions.taskCpus(sc.getConf());
        Replica replica = new Replica(start, data, options, hyp, epoch, span, new HadoopConf(sc.hadoopConfiguration()),
                threads, plotDir, batchCounter);
        ResourceProfile profile = GpuScheduling.taskProfile(threads, options.gpusPerReplica());
        try {
            sc.setJobGroup(TrainJob.JOB_GROUP, TrainJob.describe(options, epoch, span)
                    + (options.replicas() > 1 ? " on " + options.replicas() + " replicas" : ""), false);
            List<ReplicaEpoch.Output> out;
            if (options.replicas() == 1) {
                JavaRDD<Integer> one = sc.parallelize(List.of(0), 1);
                out = (profile == null ? one : one.withResources(profile))
                        .mapPartitions(ignored -> List.of(replica.train(SingleReplica.INSTANCE)).iterator())
                        .collect();
            } else {
                out = BarrierStage.run(sc, options.replicas(), profile, ctx -> replica.trainWithPeers(ctx, runId));
            }
            return ReplicaEpoch.merge(state, out);
        } finally {
            sc.clearJobGroup();
            start.destroy();
        }
    }

    /** What every replica task of the epoch needs. */
    private record Replica(Broadcast<byte[]> start, Broadcast<List<ImageRecord>> data, TrainOptions options, Hyp hyp,
            int epoch, EpochSpan span, HadoopConf conf, int threads, String plotDir, LongAccumulator batchCounter)
            implements Serializable {
        ReplicaEpoch.Output train(Collective collective) throws IOException {
            return ReplicaEpoch.run(start.value(), data, options, hyp, epoch, span, conf, threads, plotDir,
                    collective, batchCounter);
        }

        ReplicaEpoch.Output trainWithPeers(BarrierTaskContext ctx, String runId) throws IOException {
            PeerDirectory peers = PeerDirectory.exchange(ctx, "epoch " + epoch + " batch " + span.fromBatch());
            AllReduceOptions ar = AllReduceOptions.of(runId, epoch, options.gradCompression());
            try (BlockCollective collective = new BlockCollective(peers, ar)) {
                ReplicaEpoch.Output mine = train(collective);
                // Peers may still be fetching this replica's last blocks: keep them until everyone is done.
                ctx.barrier();
                return mine;
            }
        }
    }
}
