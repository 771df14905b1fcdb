/**
 * {@code prepare}: a Spark job that checks every image and label of a YOLO, COCO or VOC source
 * (damage, EXIF orientation, classes, coordinates, duplicates), splits and shards it into Parquet, and
 * writes the dataset YAML, the report and statistics with AutoAnchor's suggestion.
 */
package sparkyolo.prep;
