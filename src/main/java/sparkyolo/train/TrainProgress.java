package sparkyolo.train;

/**
 * Where the driver reports how far the running epoch is (the console progress bar). Updates come
 * from executor heartbeats ({@code spark.executor.heartbeatInterval}) and at the end of every
 * Spark job of the epoch; they may repeat a value.
 */
public interface TrainProgress {
    TrainProgress NONE = (epoch, epochs, done, total) -> { };

    /** Replica 0 has trained {@code done} of the epoch's {@code total} global batches. */
    void batches(int epoch, int epochs, long done, long total);
}
