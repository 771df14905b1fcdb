package sparkyolo.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkyolo.util.InvalidOptionException;

/**
 * {@code benchmark train}: training images/s of one replica (augmenting loader threads,
 * forward, loss, backward, optimizer, EMA) with a fixed number of PyTorch threads, in this JVM;
 * with {@code --peer original}, the original YOLOv5's by turns with ours, round by round.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training throughput of one replica.")
final class TrainBenchmark implements Callable<Integer> {
    private static final Logger LOG = LogManager.getLogger(TrainBenchmark.class);

    @Option(names = "--data", defaultValue = TrainCommand.SAMPLE_DATA, description = "Dataset YAML (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--cfg", defaultValue = "yolov5n.yaml", description = "Model YAML (default: ${DEFAULT-VALUE}).")
    String cfg;

    @Option(names = {"--img", "--imgsz"}, defaultValue = "320", description = "Image size (default: ${DEFAULT-VALUE}).")
    int img;

    @Option(names = "--batch-size", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch compute threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workers", defaultValue = "2", description = "Loader threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batches", defaultValue = "16",
            description = "Timed batches (default: ${DEFAULT-VALUE}; fewer spread wider from run to run).")
    int batches;

    @Option(names = "--warmup", defaultValue = "4", description = "Untimed batches first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--peer", paramLabel = "original",
            description = "Also time the original YOLOv5's training step in this call (its dataloader with --workers"
                    + " processes, model, loss, SGD, EMA) on the same data, size, batch and threads; needs --original and"
                    + " a Python with torch, torchvision, cv2 and yaml (Debian: python3-torch python3-torchvision"
                    + " python3-opencv python3-yaml ...).")
    String peer;

    @Option(names = "--original", paramLabel = "DIR", description = "A checkout of the original YOLOv5 at v6.2, for --peer.")
    String original;

    @Option(names = "--python", paramLabel = "PYTHON", description = "The Python for --peer (default: python3, then /usr/bin/python3).")
    String python;

    @Option(names = "--rounds", defaultValue = "4",
            description = "Rounds the timed batches are split into; with --peer, ours and the original's alternate"
                    + " round by round, so that both meet the machine in the same state (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (peer != null && !peer.equals("original")) {
            throw new InvalidOptionException("--peer", "must be original, got '" + peer + "'");
        }
        if (peer != null && (original == null || !java.nio.file.Files.isDirectory(java.nio.file.Path.of(original, "models")))) {
            throw new InvalidOptionException("--original", "must name a checkout of the original YOLOv5 (v6.2) for --peer"
                    + " original, got " + original);
        }
        if (rounds < 1 || rounds > batches) {
            throw new InvalidOptionException("--rounds", "must be between 1 and --batches (" + batches + "), got " + rounds);
        }
        Optional<String> py = peer == null ? Optional.empty() : PythonPeer.find(python, "torch, torchvision, cv2, yaml");
        if (peer != null && py.isEmpty()) {
            LOG.warn("--peer original: no Python with torch, torchvision, cv2 and yaml here; SparkYOLO alone");
        }
        try (TrainBenchmarkReplica ours = TrainBenchmarkReplica.warmedUp(data, cfg, img, batchSize, threads, workers,
                    warmup, batches);
             PeerSession theirs = py.isPresent() ? startOriginal(py.get()) : null) {
            String torch = theirs == null ? null : theirs.next().get("torch").asText();
            List<TrainTimes> oursRounds = new ArrayList<>();
            List<TrainTimes> theirRounds = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                int n = batches / rounds + (r < batches % rounds ? 1 : 0);
                oursRounds.add(ours.train(n, r == rounds - 1));
                if (theirs != null) {
                    theirRounds.add(TrainTimes.of(theirs.request(Integer.toString(n))));
                }
            }
            TrainTimes oursTotal = total(oursRounds);
            LOG.info(String.format(Locale.ROOT, "train %s --img %d --batch-size %d, %d compute thread(s), %d loader"
                    + " thread(s), %d images in %d round(s)%s:", cfg, img, batchSize, threads, workers, oursTotal.images(),
                    rounds, theirs == null ? "" : " each"));
            LOG.info(header());
            LOG.info(row("SparkYOLO", oursTotal));
            if (theirs == null) {
                LOG.info("(no --peer original: SparkYOLO alone)");
                return 0;
            }
            TrainTimes theirTotal = total(theirRounds);
            LOG.info(row("original", theirTotal));
            StringBuilder byRound = new StringBuilder();
            for (int r = 0; r < rounds; r++) {
                if (oursRounds.get(r).images() > 0) {
                    byRound.append(String.format(Locale.ROOT, " %.2f", oursRounds.get(r).rate() / theirRounds.get(r).rate()));
                }
            }
            LOG.info(String.format(Locale.ROOT, "SparkYOLO / original (PyTorch %s): %.2fx the images/s (by round:%s)",
                    torch, oursTotal.rate() / theirTotal.rate(), byRound));
        }
        return 0;
    }

    /** The original's training step, warming up while it starts; rounds are requested by batch count. */
    private PeerSession startOriginal(String py) throws IOException {
        return PythonPeer.session(py, "original_train.py", List.of("--yolov5", original, "--data", data, "--cfg", cfg,
                "--img", Integer.toString(img), "--batch-size", Integer.toString(batchSize), "--threads",
                Integer.toString(threads), "--workers", Integer.toString(workers), "--warmup", Integer.toString(warmup)));
    }

    private static TrainTimes total(List<TrainTimes> rounds) {
        return rounds.stream().reduce(TrainTimes.NONE, TrainTimes::plus);
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-10s %9s %8s %7s %8s %7s %9s %10s %6s", "", "images/s", "total s", "data s",
                "forward", "loss", "backward", "optimizer", "EMA");
    }

    private static String row(String who, TrainTimes t) {
        double[] p = t.parts();
        return String.format(Locale.ROOT, "%-10s %9.2f %8.2f %7.2f %8.2f %7.2f %9.2f %10.2f %6.2f", who, t.rate(),
                t.seconds(), p[0], p[1], p[2], p[3], p[4], p[5]);
    }
}
