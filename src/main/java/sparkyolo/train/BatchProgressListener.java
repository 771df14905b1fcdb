package sparkyolo.train;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * Follows replica 0's batch counter (a Spark accumulator) while its task runs: executors send the
 * current values of a running task's accumulators with every heartbeat, and this listener turns
 * them into {@link TrainProgress} updates for the span of the epoch being trained.
 */
final class BatchProgressListener extends SparkListener implements AutoCloseable {
    private final SparkContext sc;
    private final LongAccumulator counter;
    private final TrainProgress progress;
    private final int epochs;
    private volatile int epoch;
    private volatile long fromBatch;
    private volatile long total;
    private volatile long done;

    BatchProgressListener(SparkContext sc, TrainProgress progress, int epochs) {
        this.sc = sc;
        this.counter = sc.longAccumulator("sparkyolo.train.batches");
        this.progress = progress;
        this.epochs = epochs;
        sc.addSparkListener(this);
    }

    /** The accumulator that replica 0 adds 1 to after every global batch. */
    LongAccumulator counter() {
        return counter;
    }

    /** A span of {@code epoch} starting at {@code from} of {@code batches} is about to run. */
    void spanStarts(int epoch, long from, long batches) {
        this.epoch = epoch;
        this.fromBatch = from;
        this.total = batches;
        this.done = from;
        progress.batches(epoch, epochs, from, batches);
    }

    /** The span ended with {@code next} as the epoch's next batch. */
    void spanDone(long next) {
        done = next;
        progress.batches(epoch, epochs, next, total);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task
                : JavaConverters.seqAsJavaList(update.accumUpdates())) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
                if (info.id() == counter.id() && info.update().isDefined()
                        && info.update().get() instanceof Number count) {
                    this.done = Math.min(total, fromBatch + count.longValue());
                    progress.batches(epoch, epochs, this.done, total);
                }
            }
        }
    }

    /** The epoch of the span running or last run. */
    int epoch() {
        return epoch;
    }

    /** Batches of that epoch known done (from the last heartbeat or span end). */
    long batchesDone() {
        return done;
    }

    long batchesInEpoch() {
        return total;
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
