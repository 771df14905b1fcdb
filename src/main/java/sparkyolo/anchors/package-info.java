/**
 * AutoAnchor as the original's check_anchors and kmean_anchors (YOLOv5 v6.2): the fit of a model's
 * anchors to a dataset's label sizes, k-means on the whitened sizes and the genetic evolution, with the
 * original's random draws ({@link sparkyolo.random}). Pure computation, no Spark.
 */
package sparkyolo.anchors;
