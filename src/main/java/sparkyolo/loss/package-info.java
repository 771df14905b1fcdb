/**
 * The original's ComputeLoss: target assignment to anchors and cells, CIoU box loss, objectness and
 * class BCE (with label smoothing and focal loss), level balance. Differentiated code takes its
 * constants from {@link sparkyolo.engine.ScalarOps}. No Spark.
 */
package sparkyolo.loss;
