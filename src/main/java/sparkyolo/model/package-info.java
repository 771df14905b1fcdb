/**
 * The YOLOv5 network built from an Ultralytics model YAML as the original's parse_model, with the
 * original's state_dict names and order ({@link sparkyolo.model.YoloNetwork},
 * {@link sparkyolo.model.ParameterStore}); {@link sparkyolo.model.Ops} is the only caller of libtorch
 * kernels. No Spark.
 */
package sparkyolo.model;
