/**
 * SparkYOLO's Spark plumbing: session setup, networks pooled per executor JVM, GPU task resource
 * profiles, and the record of a user's interrupt that makes cancelled jobs stop rather than retry.
 */
package sparkyolo.spark;
