package sparkyolo.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkyolo.dist.WireFormat;
import sparkyolo.spark.SparkSessions;
import sparkyolo.train.StepBenchmark;

/**
 * {@code benchmark step}: the time of an optimizer step outside forward/backward, split into
 * copy-out, reduce-scatter, norm, update, all-gather, copy-in and EMA, for N replicas. Run it with
 * one executor per replica, e.g. --master 'local-cluster[2,1,3072]'.
 */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = "Optimizer step time across replicas, split into its parts.")
final class StepBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--replicas", defaultValue = "2", description = "Replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--models", split = ",", defaultValue = "yolov5n,yolov5s",
            description = "Bundled model YAMLs (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--rounds", defaultValue = "20", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--grad-compression", defaultValue = "none", converter = Converters.GradCompression.class,
            description = "Gradients on the wire: none, bf16 or fp16 (default: ${DEFAULT-VALUE}).")
    WireFormat format;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo benchmark step");
        StepBenchmark.log(StepBenchmark.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                new StepBenchmark.Settings(replicas, rounds, warmup, models, format)));
        return 0;
    }
}
