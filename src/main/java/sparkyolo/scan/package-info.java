/**
 * The scan of a dataset split before training or validation: a Spark job that decodes every image
 * and parses its labels (or reads a prepared dataset's Parquet rows without the image bytes), and the
 * original's summary of what it found.
 */
package sparkyolo.scan;
