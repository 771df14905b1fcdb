package sparkyolo.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkyolo.dist.AllReduceBenchmark;
import sparkyolo.dist.AllReduceOptions;
import sparkyolo.dist.WireFormat;
import sparkyolo.spark.SparkSessions;

/**
 * {@code benchmark allreduce}: the replicas' all-reduce (reduce-scatter + all-gather) on the
 * BlockManager for the YOLOv5n and YOLOv5s parameter vectors, beside raw loopback TCP measured
 * in the same run. Run it with one executor per replica, e.g. --master 'local-cluster[2,1,2048]'.
 */
@Command(name = "allreduce", mixinStandardHelpOptions = true,
        description = "All-reduce time and bandwidth across executor JVMs, as a ratio of raw TCP.")
final class AllReduceBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--replicas", defaultValue = "2", description = "Replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--rounds", defaultValue = "20", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sizes", split = ",", defaultValue = "1872157,7235389",
            description = "Vector sizes in floats (default: YOLOv5n and YOLOv5s, ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--formats", split = ",", defaultValue = "none,bf16", description = "Gradient wire formats (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--chunk-values", split = ",", defaultValue = "" + AllReduceOptions.DEFAULT_CHUNK_VALUES,
            description = "Most values in one block; several to compare (default: ${DEFAULT-VALUE}).")
    List<Integer> chunkValues;

    @Override
    public Integer call() {
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo benchmark allreduce");
        AllReduceBenchmark.Settings settings = new AllReduceBenchmark.Settings(replicas, rounds, warmup, sizes,
                formats.stream().map(WireFormat::parse).toList(), chunkValues);
        AllReduceBenchmark.log(AllReduceBenchmark.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), settings));
        return 0;
    }
}
