/**
 * Inference: {@link sparkyolo.detect.Predictor} (letterbox, forward on either engine, NMS, boxes back
 * to image pixels), the original's NMS and box arithmetic, output formats, and the Spark job of
 * {@code detect}.
 */
package sparkyolo.detect;
