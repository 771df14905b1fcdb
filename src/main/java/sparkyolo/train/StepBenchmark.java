package sparkyolo.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import sparkyolo.dist.AllReduceOptions;
import sparkyolo.dist.BarrierStage;
import sparkyolo.dist.BlockCollective;
import sparkyolo.dist.PeerDirectory;
import sparkyolo.dist.WireFormat;
import sparkyolo.engine.Autograd;
import sparkyolo.engine.Engines;
import sparkyolo.hyp.Hyp;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.spark.SparkSessions;
import sparkyolo.weights.Checkpoint;

/**
 * {@code benchmark step}: the optimizer step of N replicas in one barrier stage, the training path
 * itself ({@link OptimizerStep}), split into its parts: gradients out of the model, reduce-scatter,
 * norm exchange, optimizer, all-gather, weights back in, EMA. Each round first runs a small forward
 * and backward (not timed) so that the step has real gradients and BatchNorm statistics to sync.
 */
public final class StepBenchmark {
    private static final Logger LOG = LogManager.getLogger(StepBenchmark.class);
    /** The input of the untimed forward/backward before each step: small, the step does not depend on it. */
    private static final Shape INPUT = new Shape(1, 3, 64, 64);

    private StepBenchmark() {
    }

    public record Settings(int replicas, int rounds, int warmup, List<String> models, WireFormat format)
            implements Serializable {
    }

    /** Medians over the timed rounds (ms) of the replica whose step took longest. */
    public record Result(String model, int parameters, int replicas, WireFormat format, double copyOutMs,
            double reduceScatterMs, double normMs, double optimizerMs, double allGatherMs, double copyInMs,
            double emaMs) implements Serializable {
        /** The all-reduce's own rounds: reduce-scatter and all-gather. */
        public double allReduceMs() {
            return reduceScatterMs + allGatherMs;
        }

        /** Copy-out to copy-in, the step's synchronization. */
        public double syncMs() {
            return copyOutMs + reduceScatterMs + normMs + allGatherMs + copyInMs;
        }

        /** The step outside the all-reduce's rounds (forward/backward is not in the step). */
        public double outsideAllReduceMs() {
            return copyOutMs + normMs + optimizerMs + copyInMs + emaMs;
        }
    }

    public static List<Result> run(JavaSparkContext sc, Settings settings) {
        List<List<Result>> byRank = BarrierStage.run(sc, settings.replicas(), ctx -> replica(ctx, settings,
                SparkSessions.taskCpus(org.apache.spark.SparkEnv.get().conf())));
        List<Result> slowest = new ArrayList<>();
        for (int m = 0; m < settings.models().size(); m++) {
            int model = m;
            slowest.add(byRank.stream().map(r -> r.get(model)).max(Comparator.comparingDouble(
                    r -> r.syncMs() + r.optimizerMs() + r.emaMs())).orElseThrow());
        }
        return slowest;
    }

    private static List<Result> replica(BarrierTaskContext ctx, Settings s, int threads) throws Exception {
        Engines.pytorch(threads);
        PeerDirectory peers = PeerDirectory.exchange(ctx, "");
        List<Result> out = new ArrayList<>();
        int session = 0;
        for (String name : s.models()) {
            ModelSpec spec = ModelSpec.load(name.endsWith(".yaml") ? name : name + ".yaml");
            TrainOptions options = TrainOptions.builder().epochs(1).batchSize(Math.max(16, s.replicas()))
                    .replicas(s.replicas()).gradCompression(s.format()).build();
            try (YoloNetwork model = YoloNetwork.build(spec, 0);
                 BlockCollective collective = new BlockCollective(peers,
                         AllReduceOptions.of("stepbench" + session++, 0, s.format()))) {
                TrainState state = TrainState.start(spec, Checkpoint.defaultNames(spec.nc()),
                        model.parameters().toStateDict());
                OptimizerStep step = OptimizerStep.forModel(model, state, options, Hyp.defaults(), collective);
                StepSettings settings = new StepSettings(new double[] {1e-4, 1e-4, 1e-4}, 0.9, 5e-4);
                int[] onePassEach = new int[s.replicas()];
                Arrays.fill(onePassEach, 1);
                long[][] rounds = new long[s.rounds()][];
                for (int r = 0; r < s.warmup() + s.rounds(); r++) {
                    step.batchNorm().beforeForward();
                    forwardBackward(model);
                    step.batchNorm().afterForward(0);
                    step.batchNorm().iterationDone(onePassEach);
                    StepTimes before = step.times();
                    step.run(settings, r, "benchmark round " + r);
                    if (r >= s.warmup()) {
                        rounds[r - s.warmup()] = minus(step.times(), before);
                    }
                }
                if (step.skipped() > 0) {
                    // A skipped step does no update: its times would not be a step's.
                    throw new IllegalStateException(name + ": " + step.skipped()
                            + " benchmark steps had NaN/Inf gradients and were skipped");
                }
                out.add(medians(name, model.parameters().parameterCount(), s, rounds));
            }
            // Peers may still read this replica's last blocks: everyone finishes the model first.
            ctx.barrier();
        }
        return out;
    }

    private static void forwardBackward(YoloNetwork model) {
        try (NDManager m = model.manager().newSubManager()) {
            // Not zeros: a constant image gives every BatchNorm zero variance, and the gradients
            // through ~60 of them (each scaled by 1/sqrt(eps)) overflow to Inf.
            NDArray x = m.randomUniform(0, 1, INPUT);
            Autograd.recording(() -> {
                NDList raw = model.forward(x, true);
                NDArray total = raw.get(0).sum();
                for (int i = 1; i < raw.size(); i++) {
                    total = total.add(raw.get(i).sum());
                }
                Autograd.backward(total);
                return null;
            });
        }
    }

    private static long[] minus(StepTimes a, StepTimes b) {
        return new long[] {a.copyOut() - b.copyOut(), a.reduceScatter() - b.reduceScatter(), a.norm() - b.norm(),
            a.update() - b.update(), a.allGather() - b.allGather(), a.copyIn() - b.copyIn(), a.ema() - b.ema()};
    }

    private static Result medians(String model, long parameters, Settings s, long[][] rounds) {
        double[] m = new double[7];
        for (int part = 0; part < m.length; part++) {
            double[] v = new double[rounds.length];
            for (int r = 0; r < rounds.length; r++) {
                v[r] = rounds[r][part] / 1e6;
            }
            Arrays.sort(v);
            m[part] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return new Result(model, Math.toIntExact(parameters), s.replicas(), s.format(), m[0], m[1], m[2], m[3], m[4],
                m[5], m[6]);
    }

    public static void log(List<Result> results) {
        LOG.info(String.format(Locale.ROOT, "%-9s %9s %3s %5s %8s %8s %7s %8s %8s %8s %7s | %9s %8s %9s %9s", "model",
                "params", "N", "grads", "copy-out", "RS", "norm", "update", "AG", "copy-in", "EMA", "AR round",
                "sync", "sync/AR", "outside"));
        for (Result r : results) {
            LOG.info(String.format(Locale.ROOT,
                    "%-9s %9d %3d %5s %8.1f %8.1f %7.1f %8.1f %8.1f %8.1f %7.1f | %9.1f %8.1f %9.2f %9.1f", r.model(),
                    r.parameters(), r.replicas(), r.format(), r.copyOutMs(), r.reduceScatterMs(), r.normMs(),
                    r.optimizerMs(), r.allGatherMs(), r.copyInMs(), r.emaMs(), r.allReduceMs(), r.syncMs(),
                    r.syncMs() / r.allReduceMs(), r.outsideAllReduceMs()));
        }
        LOG.info("ms per optimizer step, medians of the slowest replica; AR round = RS + AG; sync = copy-out to"
                + " copy-in; outside = the step outside the all-reduce's rounds (copy-out, norm, update, copy-in, EMA)");
    }
}
