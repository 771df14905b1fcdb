package sparkyolo.model;

import sparkyolo.engine.InferenceEngine;

/**
 * A network ready for inference on one engine: letterboxed images in, the Detect head's decoded
 * predictions out. Not thread-safe: one task at a time.
 */
public interface InferenceNetwork extends AutoCloseable {
    InferenceEngine engine();

    /** The largest stride (input sizes must be multiples of it). */
    int maxStride();

    /** Classes + 5: the length of one prediction row. */
    int rowLength();

    /** Images per forward pass that run fastest on this engine and device. */
    int maxBatch();

    /**
     * Decoded predictions {@code (n, rows, 5 + nc)} in C order: xywh in input pixels, objectness,
     * class scores.
     *
     * @param pixels NCHW RGB values in 0..1, {@code n x 3 x height x width}
     */
    float[] predict(float[] pixels, int n, int height, int width);

    @Override
    void close();
}
