/**
 * Weights in and out: Ultralytics .pt checkpoints read by a restricted unpickler that runs no pickle
 * code, .npz state dicts, and SparkYOLO's own checkpoints with their training state and provenance.
 */
package sparkyolo.weights;
