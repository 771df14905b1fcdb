/**
 * Images through OpenCV (natives from the jar): decoding with damage checks, the original's
 * load_image resize and letterbox, and conversion to network input. No Spark.
 */
package sparkyolo.image;
