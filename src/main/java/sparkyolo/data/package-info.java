/**
 * Datasets as users give them: dataset YAMLs (Ultralytics' format or a prepared Parquet one), image
 * listings (file, directory, glob, .txt list) on any Hadoop file system, YOLO label files checked line by
 * line, and the records a scan makes of each image ({@link sparkyolo.data.ImageRecord}).
 */
package sparkyolo.data;
