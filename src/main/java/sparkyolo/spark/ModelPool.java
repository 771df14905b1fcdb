package sparkyolo.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;
import sparkyolo.engine.Engines;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.model.InferenceNetwork;
import sparkyolo.model.YoloNetwork;
import sparkyolo.onnx.OrtNetwork;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/**
 * Inference networks kept per executor JVM, so that the tasks of a job build each network once
 * instead of once per partition: a fused libtorch model, or an ONNX Runtime session over the same
 * fused weights. A network serves one task at a time: borrow, then give back.
 */
public final class ModelPool {
    private static final Map<String, ConcurrentLinkedQueue<InferenceNetwork>> IDLE = new ConcurrentHashMap<>();

    private ModelPool() {
    }

    /**
     * A fused eval model on libtorch for the checkpoint bytes in {@code weights} (built on first use).
     *
     * @param threads PyTorch compute threads if the engine is not started yet
     */
    public static YoloNetwork borrow(Broadcast<byte[]> weights, int threads) {
        return (YoloNetwork) borrow(weights, InferenceEngine.pytorch, threads);
    }

    /**
     * A network on {@code engine} ({@code auto} resolved here) for the checkpoint bytes in
     * {@code weights} (built on first use).
     *
     * @param threads compute threads: PyTorch's for the calling thread, ONNX Runtime's for a new session
     */
    public static InferenceNetwork borrow(Broadcast<byte[]> weights, InferenceEngine engine, int threads) {
        Engines.pytorch(threads);
        InferenceNetwork network = IDLE.computeIfAbsent(key(weights, engine.resolved()),
                k -> new ConcurrentLinkedQueue<>()).poll();
        if (network != null) {
            return network;
        }
        try {
            return open(Weights.fromBytes(weights.value(), "broadcast weights"), engine, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new network on {@code engine} ({@code auto} resolved here) for a checkpoint; the caller closes it. */
    public static InferenceNetwork open(Checkpoint checkpoint, InferenceEngine engine, int threads) {
        Engines.pytorch(threads);
        YoloNetwork model = checkpoint.newModel();
        model.fuse();
        if (engine.resolved() == InferenceEngine.pytorch) {
            return model;
        }
        try (model) {
            return OrtNetwork.of(model, threads);
        }
    }

    /** Broadcast ids restart with every SparkContext: the application id keeps JVM-wide keys apart. */
    private static String key(Broadcast<byte[]> weights, InferenceEngine engine) {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        return (env == null ? "" : env.conf().getAppId()) + "/" + weights.id() + "/" + engine;
    }

    public static void giveBack(Broadcast<byte[]> weights, InferenceNetwork network) {
        IDLE.computeIfAbsent(key(weights, network.engine()), k -> new ConcurrentLinkedQueue<>()).add(network);
    }

    /** Closes the idle networks of a finished job (driver side, local mode, or executor cleanup). */
    public static void release(Broadcast<byte[]> weights) {
        for (InferenceEngine engine : List.of(InferenceEngine.pytorch, InferenceEngine.onnxruntime)) {
            ConcurrentLinkedQueue<InferenceNetwork> q = IDLE.remove(key(weights, engine));
            if (q != null) {
                q.forEach(InferenceNetwork::close);
            }
        }
    }
}
