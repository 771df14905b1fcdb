/**
 * Hadoop file system access for every path a user gives (file:, hdfs:, s3a:, ...): atomic writes,
 * listings, run directories ({@code exp}, {@code exp2}, ...) and a Hadoop configuration that travels
 * with tasks.
 */
package sparkyolo.io;
