/**
 * ONNX: the network written as an ONNX graph the way the original's exporter writes it
 * ({@link sparkyolo.onnx.OnnxExport}, through the ONNX protobuf classes), and inference on
 * ONNX Runtime over that graph ({@link sparkyolo.onnx.OrtNetwork}).
 */
package sparkyolo.onnx;
