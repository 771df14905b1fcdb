package sparkyolo.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import sparkyolo.data.ImageRecord;
import sparkyolo.detect.NmsOptions;
import sparkyolo.eval.ValJob;
import sparkyolo.eval.ValResult;
import sparkyolo.hyp.Hyp;
import sparkyolo.io.HadoopFiles;
import sparkyolo.loss.LossGains;
import sparkyolo.model.YoloNetwork;
import sparkyolo.plots.ConfusionMatrixPlot;
import sparkyolo.plots.CurvePlots;
import sparkyolo.plots.ResultsCsv;
import sparkyolo.plots.ResultsPlot;
import sparkyolo.spark.Interruption;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Provenance;
import sparkyolo.weights.Weights;

/**
 * The driver of a training run, as the original's train.py: set up (dataset scan, model and
 * initial weights, AutoAnchor), then per epoch a Spark job that trains, validation of the EMA
 * weights as a Spark job, results.csv, checkpoints (last, best; atomic) and early stopping.
 */
public final class TrainJob {
    public static final String JOB_GROUP = "sparkyolo-train";
    private static final Logger LOG = LogManager.getLogger(TrainJob.class);

    /**
     * A finished run.
     *
     * @param runDir  its run directory
     * @param weights the checkpoint the final validation used (weights/best.npz, else last.npz); null if none was saved
     * @param state   the final training state
     */
    public record Result(String runDir, String weights, TrainState state) {
    }

    private TrainJob() {
    }

    /** Runs the whole training. */
    public static Result run(SparkSession spark, HadoopFiles files, TrainRequest request, String project,
            String name, boolean existOk) throws IOException {
        return run(spark, files, request, project, name, existOk, TrainProgress.NONE);
    }

    /** As {@link #run(SparkSession, HadoopFiles, TrainRequest, String, String, boolean)}, reporting batches to {@code progress}. */
    public static Result run(SparkSession spark, HadoopFiles files, TrainRequest request, String project,
            String name, boolean existOk, TrainProgress progress) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RunSetup setup = RunSetup.prepare(spark, files, request, project, name, existOk);
        TrainOptions options = resolveReplicas(sc, setup.options());
        TrainState state = setup.state();
        String last = weightsFile(setup, "last.npz");
        String best = weightsFile(setup, "best.npz");
        String csv = HadoopFiles.resolve(setup.runDir(), "results.csv");
        EarlyStopping stopper = new EarlyStopping(setup.patience());
        int stride;
        try (YoloNetwork probe = YoloNetwork.build(state.spec(), 0)) {
            stride = probe.maxStride();
        }
        Broadcast<List<ImageRecord>> trainData = sc.broadcast(setup.train());
        LOG.info("Image sizes {} train, {} val; {} training images, {} validation images",
                options.imgSize(), options.imgSize(), setup.train().size(), setup.val().size());
        LOG.info("Logging results to {}", HadoopFiles.display(setup.runDir()));
        LOG.info("Starting training for {} epochs...", options.epochs());
        try (BatchProgressListener batches = new BatchProgressListener(sc.sc(), progress, options.epochs());
             JobFailures failures = new JobFailures(sc.sc(), JOB_GROUP)) {
            for (int epoch = state.epoch(); epoch < options.epochs(); epoch++) {
                stopIfInterrupted(files, setup, batches, null);
                String plotDir = setup.plots() ? setup.runDir() : null;
                EpochJob.Result r;
                ValResult vr = null;
                try {
                    r = runEpoch(sc, state, trainData, options, setup, request, files, epoch, plotDir, batches, failures);
                    state = r.state();
                    boolean finalEpoch = epoch + 1 == options.epochs()
                            || stopper.possibleStop(state.epochsWithoutImprovement());
                    if (request.validateEachEpoch() || finalEpoch) {
                        vr = validate(sc, emaCheckpoint(state, setup, request), setup.val(), options, setup.hyp(), stride);
                    }
                } catch (Exception e) {
                    stopIfInterrupted(files, setup, batches, e);
                    throw e;
                }
                StepBreakdown.log(epoch, r.replicaStats());
                StepBreakdown.append(files, HadoopFiles.resolve(setup.runDir(), "replicas.csv"), epoch, r.replicaStats());
                boolean finalEpoch = epoch + 1 == options.epochs() || stopper.possibleStop(state.epochsWithoutImprovement());
                double fitness = vr == null ? 0.0 : vr.fitness();
                int without = stopper.update(state.epochsWithoutImprovement(), fitness, state.bestFitness());
                boolean improved = fitness >= state.bestFitness() && vr != null;
                state = state.withCounters(Map.of("best_fitness", Math.max(fitness, state.bestFitness()),
                        "epochs_without_improvement", without));
                ResultsCsv.append(files, csv, resultsRow(epoch, r.stats(), vr));
                logEpoch(epoch, options.epochs(), r.stats(), vr);
                if (request.saveEachEpoch() || finalEpoch) {
                    byte[] ckpt = checkpoint(state, setup, request);
                    files.writeAtomically(last, ckpt);
                    if (improved) {
                        files.writeAtomically(best, ckpt);
                    }
                }
                if (request.plots()) {
                    plot("results.png", () -> ResultsPlot.writeFromCsv(files, csv));
                }
                if (stopper.shouldStop(without)) {
                    LOG.info("Stopping training early: no improvement in the last {} epochs. Best fitness {}",
                            setup.patience(), String.format(Locale.ROOT, "%.5f", state.bestFitness()));
                    break;
                }
            }
        } finally {
            TrainImageCache.release(sc.sc(), options, trainData);
            trainData.destroy();
        }
        return new Result(setup.runDir(), finish(sc, files, setup, state, best, last, stride), state);
    }

    /** Attempts of one epoch (span) before the run fails (a lost executor fails the whole barrier job). */
    static final int EPOCH_ATTEMPTS = 4;

    /**
     * One epoch as Spark jobs: one job for the whole epoch or, with --save-period-batches, one per
     * span of that many batches, each followed by a checkpoint (weights/last.npz and
     * weights/batch&lt;N&gt;.npz, N the global batches trained) from which --resume continues in mid-epoch.
     */
    private static EpochJob.Result runEpoch(JavaSparkContext sc, TrainState state,
            Broadcast<List<ImageRecord>> trainData, TrainOptions options, RunSetup setup, TrainRequest request,
            HadoopFiles files, int epoch, String plotDir, BatchProgressListener progress, JobFailures failures)
            throws IOException {
        List<EpochJob.Result> spans = new ArrayList<>();
        TrainState current = state;
        long batches = (setup.train().size() + options.batchSize() - 1) / options.batchSize();
        do {
            EpochSpan span = new EpochSpan(current.epochBatch(), request.savePeriodBatches());
            progress.spanStarts(epoch, span.fromBatch(), batches);
            EpochJob.Result r = runSpan(sc, current, trainData, options, setup, epoch, span, plotDir,
                    progress.counter(), failures);
            spans.add(r);
            current = r.state();
            progress.spanDone(r.stats().toBatch());
            if (current.epoch() == epoch) {
                byte[] ckpt = checkpoint(current, setup, request);
                files.writeAtomically(weightsFile(setup, "batch" + current.iterations() + ".npz"), ckpt);
                files.writeAtomically(weightsFile(setup, "last.npz"), ckpt);
                LOG.info("epoch {}/{}: {} of {} batches done, checkpoint saved after global batch {}", epoch,
                        options.epochs() - 1, current.epochBatch(), r.stats().batches(), current.iterations());
            }
        } while (current.epoch() == epoch);
        return EpochJob.Result.combine(spans);
    }

    /**
     * One span of an epoch as a Spark job. Spark does not retry a failed barrier result stage, so
     * a replica lost with its executor fails the job; the span then runs again from the same start
     * state (no step is applied twice) once the cluster manager has replaced the executor. A task
     * that fails by itself (a bug, bad data, the NaN limit) fails the run at once, and a cancelled
     * job stops it: {@link JobFailures} tells them apart by their tasks' end reasons.
     */
    private static EpochJob.Result runSpan(JavaSparkContext sc, TrainState state,
            Broadcast<List<ImageRecord>> trainData, TrainOptions options, RunSetup setup, int epoch, EpochSpan span,
            String plotDir, LongAccumulator batchCounter, JobFailures failures) throws IOException {
        return JobRetry.run("epoch " + epoch, "from batch " + span.fromBatch(), EPOCH_ATTEMPTS, failures,
                () -> EpochJob.run(sc, state, trainData, options, setup.hyp(), epoch, span, plotDir,
                        runId(setup.runDir()), batchCounter));
    }

    /**
     * Stops the run when the user asked for it (or {@code failure} is a cancelled job): the line
     * names where training stopped and the checkpoint that continues it.
     */
    private static void stopIfInterrupted(HadoopFiles files, RunSetup setup, BatchProgressListener batches,
            Exception failure) throws IOException {
        boolean cancelled = failure instanceof JobRetry.CancelledException;
        if (Interruption.requested().isEmpty() && !cancelled) {
            return;
        }
        // The interrupt that stopped a wait would also stop the file system reads below.
        Thread.interrupted();
        String how = Interruption.requested().map(s -> "Interrupted by SIG" + s).orElse("Cancelled");
        String where = String.format(Locale.ROOT, "%s in epoch %d/%d at batch %d of %d", how, batches.epoch(),
                setup.options().epochs() - 1, batches.batchesDone(), batches.batchesInEpoch());
        String last = weightsFile(setup, "last.npz");
        if (!files.exists(last)) {
            throw new TrainingInterruptedException(where + "; nothing was saved yet", null);
        }
        TrainState saved = TrainState.fromCheckpoint(Weights.load(files, last, null), last);
        throw new TrainingInterruptedException(String.format(Locale.ROOT,
                "%s; resume with: spark-yolo train --resume %s (continues at epoch %d, batch %d)", where,
                HadoopFiles.display(last), saved.epoch(), saved.epochBatch()), last);
    }

    /** The run's training checkpoint of {@code state}, as written to weights/. */
    private static byte[] checkpoint(TrainState state, RunSetup setup, TrainRequest request) throws IOException {
        return state.toCheckpoint(provenance(setup, request), setup.trainingMeta()).toBytes();
    }

    private static String weightsFile(RunSetup setup, String name) {
        return HadoopFiles.resolve(HadoopFiles.resolve(setup.runDir(), "weights"), name);
    }

    /** The Spark UI's description of a training job. */
    static String describe(TrainOptions options, int epoch, EpochSpan span) {
        return "train epoch " + epoch + "/" + (options.epochs() - 1)
                + (span.fromBatch() > 0 || span.periodBatches() > 0 ? " from batch " + span.fromBatch() : "");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** --replicas 0: one per executor (1 in local mode); never more than the batch holds. */
    static TrainOptions resolveReplicas(JavaSparkContext sc, TrainOptions options) {
        int n = options.replicas();
        if (n == 0) {
            n = Math.max(1, sc.sc().getExecutorMemoryStatus().size() - (sc.isLocal() ? 0 : 1));
        }
        if (n > options.batchSize()) {
            throw new IllegalArgumentException("--batch-size " + options.batchSize() + " is smaller than " + n
                    + " replicas: every replica needs at least one image per batch");
        }
        if (n != options.replicas()) {
            LOG.info("Training with {} replica(s)", n);
        }
        return options.withReplicas(n);
    }

    /** A short id that makes the run's block names unique. */
    private static String runId(String runDir) {
        return Integer.toHexString(runDir.hashCode()) + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    private static Checkpoint emaCheckpoint(TrainState state, RunSetup setup, TrainRequest request) {
        return Checkpoint.of(state.spec(), state.names(), state.ema(), provenance(setup, request));
    }

    static ValResult validate(JavaSparkContext sc, Checkpoint weights, List<ImageRecord> val, TrainOptions options,
            Hyp hyp, int stride) throws IOException {
        NmsOptions nms = NmsOptions.defaults().withConfThres(ValJob.CONF_THRES).withIouThres(ValJob.IOU_THRES)
                .withMultiLabel(true);
        LossGains gains = LossGains.scaled(hyp, weights.spec().anchors().length, weights.spec().nc(), options.imgSize())
                .withLabelSmoothing(options.labelSmoothing());
        return ValJob.evaluate(sc, weights, val, options.imgSize(), options.batchSize() * 2, stride, nms, gains,
                System.nanoTime());
    }

    /**
     * After training: validate the best weights once more and draw the curves, as the original.
     *
     * @return the validated weights file, or null when none was saved
     */
    private static String finish(JavaSparkContext sc, HadoopFiles files, RunSetup setup, TrainState state, String best,
            String last, int stride) throws IOException {
        String chosen = files.exists(best) ? best : last;
        if (!files.exists(chosen)) {
            return null;
        }
        LOG.info("Validating {}...", HadoopFiles.display(chosen));
        ValResult vr = validate(sc, Weights.load(files, chosen, null), setup.val(), setup.options(), setup.hyp(), stride);
        sparkyolo.eval.ValReport.table(vr).forEach(LOG::info);
        sparkyolo.eval.ValReport.write(files, setup.runDir(), vr, false);
        if (setup.plots() && vr.ap() != null) {
            plot("PR/F1/P/R curves", () -> CurvePlots.write(files, setup.runDir(), vr.ap(), state.names()));
        }
        if (setup.plots()) {
            plot("confusion_matrix.png",
                    () -> ConfusionMatrixPlot.write(files, setup.runDir(), vr.confusionMatrix(), state.names()));
        }
        LOG.info("Results saved to {}", HadoopFiles.display(setup.runDir()));
        return chosen;
    }

    /** A plot that can be drawn, or fail (missing fonts, odd data) without stopping the run. */
    interface PlotBody {
        void draw() throws Exception;
    }

    static void plot(String what, PlotBody body) {
        try {
            body.draw();
        } catch (Exception | InternalError e) {
            LOG.warn("could not plot {}: {}", what, e.getMessage());
        }
    }

    static Map<String, Object> provenance(RunSetup setup, TrainRequest request) {
        return Provenance.create("train", request.flags(), setup.options().seed(), setup.dataFingerprint());
    }

    private static ResultsCsv.Row resultsRow(int epoch, EpochStats s, ValResult vr) {
        double[] valLoss = vr == null ? new double[3] : vr.loss();
        double[] v = {s.meanLoss()[0], s.meanLoss()[1], s.meanLoss()[2],
            vr == null ? 0 : vr.precision(), vr == null ? 0 : vr.recall(), vr == null ? 0 : vr.map50(),
            vr == null ? 0 : vr.map50To95(), valLoss[0], valLoss[1], valLoss[2], s.lr()[0], s.lr()[1], s.lr()[2]};
        return new ResultsCsv.Row(epoch, v);
    }

    private static void logEpoch(int epoch, int epochs, EpochStats s, ValResult vr) {
        LOG.info(String.format(Locale.ROOT, "%10s%10.4g%10.4g%10.4g %d images, %d steps, %.1fs (data wait %.1fs)%s",
                epoch + "/" + (epochs - 1), s.meanLoss()[0], s.meanLoss()[1], s.meanLoss()[2], s.images(),
                s.optimizerSteps(), (s.forwardBackwardNanos() + s.updateNanos() + s.dataWaitNanos()) / 1e9,
                s.dataWaitNanos() / 1e9,
                vr == null ? "" : String.format(Locale.ROOT, "; P %.3f R %.3f mAP@.5 %.3f mAP@.5:.95 %.3f",
                        vr.precision(), vr.recall(), vr.map50(), vr.map50To95())));
    }
}
