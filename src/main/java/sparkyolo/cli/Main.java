package sparkyolo.cli;

import org.apache.spark.SparkConf;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spark-yolo COMMAND [options]}: the SparkYOLO command line (run it through bin/spark-yolo). */
@Command(name = "spark-yolo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "YOLOv5 object detection on Apache Spark.",
        footer = {"", "Run through bin/spark-yolo [--master URL] [--spark-conf KEY=VALUE ...] COMMAND [options]"
            + " (default master local[*]), or a launcher in submit/ for a cluster: submit/yarn.sh [spark-submit"
            + " options] -- COMMAND [options].", "Exit codes: 0 done, 1 failed, 2 bad usage or input,"
            + " 130/143 interrupted by SIGINT/SIGTERM."},
        subcommands = {TrainCommand.class, DetectCommand.class, ValCommand.class, PrepareCommand.class, ExportCommand.class, BenchmarkCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        int code = execute(args);
        // Stop Spark before the JVM exits: with local-cluster the workers live in this JVM, and Spark's
        // barrier timer thread is not a daemon.
        SparkShutdown.stopActiveSession();
        // YARN's application master (cluster deploy mode) runs this method in a thread of its own and
        // reports success only when it returns: exiting the JVM first marks the application FAILED.
        if (code == 0 && inYarnApplicationMaster()) {
            return;
        }
        System.exit(code);
    }

    private static boolean inYarnApplicationMaster() {
        SparkConf conf = new SparkConf();
        return conf.get("spark.master", "").equals("yarn") && conf.get("spark.submit.deployMode", "client").equals("cluster");
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 bad usage or input). */
    public static int execute(String... args) {
        InterruptHandler.install(Thread.currentThread());
        return new CommandLine(new Main()).setExecutionExceptionHandler(new UserErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .execute(args);
    }
}
