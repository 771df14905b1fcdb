/**
 * Validation as the original's val.py: rectangular batches, a Spark job that infers and matches
 * detections with labels per image, and the metrics (AP per class at IoU 0.50:0.95, P, R, confusion
 * matrix) computed on the driver with numpy's orderings.
 */
package sparkyolo.eval;
