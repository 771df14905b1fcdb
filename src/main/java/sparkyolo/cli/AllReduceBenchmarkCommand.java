package sparkyolo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkyolo.dist.AllReduceBenchmark;
import sparkyolo.dist.AllReduceOptions;
import sparkyolo.dist.WireFormat;
import sparkyolo.spark.SparkSessions;
import sparkyolo.util.InvalidOptionException;

/**
 * {@code benchmark allreduce}: the replicas' all-reduce (reduce-scatter + all-gather) on the
 * BlockManager for the YOLOv5n and YOLOv5s parameter vectors, beside raw loopback TCP measured
 * in the same run. Run it with one executor per replica, e.g. --master 'local-cluster[2,1,2048]'.
 */
@Command(name = "allreduce", mixinStandardHelpOptions = true,
        description = "All-reduce time and bandwidth across executor JVMs, as a ratio of raw TCP.")
final class AllReduceBenchmarkCommand implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(AllReduceBenchmarkCommand.class);

    @Option(names = "--replicas", defaultValue = "2", description = "Replicas (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--rounds", defaultValue = "20", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,1872157,7235389",
            description = "Vector sizes in floats (default: a small vector, YOLOv5n and YOLOv5s, ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--formats", split = ",", defaultValue = "none,bf16", description = "Gradient wire formats (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--chunk-values", split = ",", defaultValue = "" + AllReduceOptions.DEFAULT_CHUNK_VALUES,
            description = "Most values in one block; several to compare (default: ${DEFAULT-VALUE}).")
    List<Integer> chunkValues;

    @Option(names = "--peer", paramLabel = "gloo",
            description = "Also time PyTorch's gloo all_reduce (what DDP uses on CPU) in this call: the same replicas,"
                    + " sizes, rounds and warm-up, one thread each; needs a Python with torch (Debian: python3-torch).")
    String peer;

    @Option(names = "--python", paramLabel = "PYTHON", description = "The Python for --peer (default: python3, then /usr/bin/python3).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (peer != null && !peer.equals("gloo")) {
            throw new InvalidOptionException("--peer", "must be gloo, got '" + peer + "'");
        }
        SparkSession spark = SparkSessions.getOrCreate("spark-yolo benchmark allreduce");
        AllReduceBenchmark.Settings settings = new AllReduceBenchmark.Settings(replicas, rounds, warmup, sizes,
                formats.stream().map(WireFormat::parse).toList(), chunkValues);
        List<AllReduceBenchmark.Result> ours = AllReduceBenchmark.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                settings);
        AllReduceBenchmark.log(ours);
        if (peer != null) {
            compareWithGloo(ours);
        }
        return 0;
    }

    /** Runs gloo after ours (never at the same time) and prints gloo's time beside each of our rows. */
    private void compareWithGloo(List<AllReduceBenchmark.Result> ours) throws Exception {
        Optional<String> withTorch = PythonPeer.find(python, "torch.distributed");
        if (withTorch.isEmpty()) {
            LOG.warn("--peer gloo: no Python with torch.distributed here (apt-get install python3-torch); ours alone above");
            return;
        }
        JsonNode gloo = PythonPeer.run(withTorch.get(), "gloo_allreduce.py", List.of("--sizes",
                sizes.stream().map(String::valueOf).collect(Collectors.joining(",")), "--rounds", Integer.toString(rounds),
                "--warmup", Integer.toString(warmup), "--world", Integer.toString(replicas)), 1800);
        Map<Integer, Double> glooMs = new HashMap<>();
        gloo.get("results").forEach(r -> glooMs.put(r.get("size").asInt(), r.get("ms").asDouble()));
        LOG.info(String.format(Locale.ROOT, "PyTorch %s gloo all_reduce, %d processes, 1 thread each, in this call:",
                gloo.get("torch").asText(), replicas));
        LOG.info(String.format(Locale.ROOT, "%10s %6s %10s %10s %12s", "floats", "grads", "ours ms", "gloo ms", "gloo/ours"));
        for (AllReduceBenchmark.Result r : ours) {
            double g = glooMs.getOrDefault(r.size(), Double.NaN);
            LOG.info(String.format(Locale.ROOT, "%10d %6s %10.2f %10.2f %12.2f", r.size(), r.format(), r.msPerRound(), g,
                    g / r.msPerRound()));
        }
    }
}
