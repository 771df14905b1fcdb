package sparkyolo.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.model.InferenceNetwork;
import sparkyolo.model.YoloNetwork;

/**
 * Inference on ONNX Runtime (CPU): the network's ONNX graph with free batch, height and width,
 * built in memory from the fused weights, in one session with a fixed number of intra-op threads.
 */
public final class OrtNetwork implements InferenceNetwork {
    private static final Logger LOG = LogManager.getLogger(OrtNetwork.class);
    private final OrtSession session;
    private final int stride;
    private final int rowLength;

    private OrtNetwork(OrtSession session, int stride, int rowLength) {
        this.session = session;
        this.stride = stride;
        this.rowLength = rowLength;
    }

    /**
     * @param model   a fused network (only read: the caller keeps and closes it)
     * @param threads intra-op threads (Spark's task cores)
     */
    public static OrtNetwork of(YoloNetwork model, int threads) {
        long t0 = System.nanoTime();
        byte[] graph = OnnxExport.toBytes(model, List.of(), OnnxExportOptions.anySize(model.maxStride()));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            OrtSession session = OrtEnvironment.getEnvironment().createSession(graph, options);
            LOG.info("ONNX Runtime session ready in {} ms ({} threads)", (System.nanoTime() - t0) / 1_000_000,
                    Math.max(1, threads));
            return new OrtNetwork(session, model.maxStride(), model.rowLength());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load the network's graph: " + e.getMessage(), e);
        }
    }

    @Override
    public InferenceEngine engine() {
        return InferenceEngine.onnxruntime;
    }

    @Override
    public int maxStride() {
        return stride;
    }

    @Override
    public int rowLength() {
        return rowLength;
    }

    /** One image per run, as for libtorch on CPU. */
    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public float[] predict(float[] pixels, int n, int height, int width) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 3, height, width});
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the ONNX Runtime session: {}", e.getMessage());
        }
    }
}
