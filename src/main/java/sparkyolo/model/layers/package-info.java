/**
 * The layers of the network (Conv, C3, Bottleneck, SPPF, Upsample, Concat, Detect) as functions over
 * named tensors, each also able to describe its fused inference form for the ONNX export.
 */
package sparkyolo.model.layers;
