package sparkyolo.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;
import sparkyolo.engine.Engines;
import sparkyolo.model.YoloNetwork;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/**
 * Inference models kept per executor JVM, so that the tasks of a job build each model once
 * instead of once per partition. A model serves one task at a time: borrow, then give back.
 */
public final class ModelPool {
    private static final Map<String, ConcurrentLinkedQueue<YoloNetwork>> IDLE = new ConcurrentHashMap<>();

    private ModelPool() {
    }

    /**
     * A fused eval model for the checkpoint bytes in {@code weights} (built on first use).
     *
     * @param threads PyTorch compute threads if the engine is not started yet
     */
    public static YoloNetwork borrow(Broadcast<byte[]> weights, int threads) {
        Engines.pytorch(threads);
        YoloNetwork model = IDLE.computeIfAbsent(key(weights), k -> new ConcurrentLinkedQueue<>()).poll();
        if (model != null) {
            return model;
        }
        try {
            Checkpoint c = Weights.fromBytes(weights.value(), "broadcast weights");
            YoloNetwork m = c.newModel();
            m.fuse();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Broadcast ids restart with every SparkContext: the application id keeps JVM-wide keys apart. */
    private static String key(Broadcast<byte[]> weights) {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        return (env == null ? "" : env.conf().getAppId()) + "/" + weights.id();
    }

    public static void giveBack(Broadcast<byte[]> weights, YoloNetwork model) {
        IDLE.computeIfAbsent(key(weights), k -> new ConcurrentLinkedQueue<>()).add(model);
    }

    /** Closes the idle models of a finished job (driver side, local mode, or executor cleanup). */
    public static void release(Broadcast<byte[]> weights) {
        ConcurrentLinkedQueue<YoloNetwork> q = IDLE.remove(key(weights));
        if (q != null) {
            q.forEach(YoloNetwork::close);
        }
    }
}
