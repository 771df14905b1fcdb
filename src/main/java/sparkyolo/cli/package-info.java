/**
 * The {@code spark-yolo} command line (picocli): train, val, detect, prepare, export and the shipped
 * benchmarks, with the conventions of how a command ends (one line on standard error, exit codes 0, 1, 2,
 * 130/143) and Ctrl-C handling. The only package that writes to the console.
 */
package sparkyolo.cli;
