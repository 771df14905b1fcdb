package sparkyolo.onnx;

/**
 * How a network is written as ONNX.
 *
 * @param opset   the ONNX operator set (the original's default is 12)
 * @param dynamic batch, height and width left free (the original's {@code --dynamic})
 * @param height  input height in pixels, a multiple of the model stride (the traced size when dynamic)
 * @param width   input width likewise
 */
public record OnnxExportOptions(int opset, boolean dynamic, int height, int width) {
    public static final int DEFAULT_OPSET = 12;
    /** The operators written are defined alike from opset 11 to 17. */
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 17;

    public OnnxExportOptions {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("--opset must be between " + MIN_OPSET + " and " + MAX_OPSET + ", got "
                    + opset);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("the input size must be positive, got " + height + "x" + width);
        }
    }

    /** A graph for any input size and batch, as inference engines build it in memory. */
    public static OnnxExportOptions anySize(int stride) {
        return new OnnxExportOptions(DEFAULT_OPSET, true, stride, stride);
    }

    /** The ONNX IR version that goes with the opset (ONNX 1.6: IR 6 / opset 11; 1.7–1.9: IR 7; 1.10–1.12: IR 8). */
    long irVersion() {
        return opset <= 11 ? 6 : opset <= 14 ? 7 : 8;
    }
}
