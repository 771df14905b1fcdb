/**
 * Spark ML stages for notebook and spark-shell users: {@link sparkyolo.ml.YoloEstimator} trains on a
 * DataFrame of images and boxes with the project's training job, and {@link sparkyolo.ml.YoloModel}
 * adds a detections column to a DataFrame of images with the project's inference path. Both are
 * ordinary Spark ML stages (Params, Pipelines, MLWritable/MLReadable).
 */
package sparkyolo.ml;
