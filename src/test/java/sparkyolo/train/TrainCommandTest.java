package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.cli.Main;
import sparkyolo.io.HadoopFiles;
import sparkyolo.testing.TestSpark;
import sparkyolo.testing.TrainingStates;
import sparkyolo.util.HalfFloats;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/** {@code train} on the bundled sample data, as the quick start runs it, and --resume. */
class TrainCommandTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void spark() {
        TestSpark.session();
    }

    static int train(String project, String name, String... more) {
        String[] base = {"train", "--project", project, "--name", name, "--epochs", "2", "--batch-size", "8",
            "--img", "160", "--workers", "1"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Main.execute(args);
    }

    @Test
    void writesACompleteRunDirectory() throws Exception {
        String project = tmp.resolve("runs").toString();
        assertEquals(0, train(project, "exp"));
        Path run = tmp.resolve("runs/exp");
        for (String f : List.of("weights/last.npz", "weights/best.npz", "results.csv", "results.png", "hyp.yaml",
                "opt.yaml", "labels.jpg", "metrics.json")) {
            assertTrue(Files.exists(run.resolve(f)), "run directory lacks " + f);
        }
        List<String> csv = Files.readAllLines(run.resolve("results.csv"));
        assertEquals(3, csv.size(), "header + one row per epoch");
        assertTrue(csv.get(0).contains("train/box_loss") && csv.get(0).contains("metrics/mAP_0.5:0.95"));
        String[] row = csv.get(1).split(",");
        for (int col = 8; col <= 10; col++) {
            double valLoss = Double.parseDouble(row[col].trim());
            assertTrue(valLoss > 0 && Double.isFinite(valLoss), "val loss column " + col + ": " + row[col]);
        }
        Checkpoint last = Weights.load(HadoopFiles.local(), run.resolve("weights/last.npz").toString(), null);
        assertEquals(2, ((Number) last.training().get("epoch")).intValue());
        assertEquals(80, last.names().size());
        assertTrue(last.provenance().containsKey("data_fingerprint"));
        // The anchors do not train: the model's keep the binary16 precision that a new run starts from, as
        // the original's model.half().float() after AutoAnchor (the EMA's drift by its float rounding).
        TrainState state = TrainState.fromCheckpoint(last, "last.npz");
        for (float a : state.model().get("model.24.anchors").toFloats()) {
            assertEquals(HalfFloats.roundToFp16(a), a, 0.0, "anchor " + a + " in binary16 precision");
        }
        try (var files = Files.walk(run)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".crc")).toList(),
                    "no checksum files beside the outputs");
        }
    }

    @Test
    void halfPrecisionRoundsFloatTensorsOnly() {
        // 222.70 px at stride 32: 6.959399 anchor units; binary16 holds 2^-8 steps between 4 and 8.
        var rounded = RunSetup.halfPrecision(java.util.Map.of(
                "anchors", sparkyolo.util.NpyArray.ofFloats(new float[] {6.959399f, 1.25f}, 2),
                "num_batches_tracked", sparkyolo.util.NpyArray.ofLongs(new long[] {123456789L}, 1)));
        assertEquals(List.of(6.9609375f, 1.25f), List.of(rounded.get("anchors").toFloats()[0],
                rounded.get("anchors").toFloats()[1]));
        assertEquals(123456789L, rounded.get("num_batches_tracked").toLongs()[0]);
    }

    @Test
    void resumeWithAnotherReplicaCount() throws Exception {
        String project = tmp.resolve("replicas").toString();
        assertEquals(0, Main.execute("train", "--project", project, "--name", "two", "--epochs", "1", "--batch-size", "8",
                "--img", "128", "--workers", "1", "--replicas", "2", "--noautoanchor", "--noplots"));
        String last = tmp.resolve("replicas/two/weights/last.npz").toString();
        Checkpoint afterTwo = Weights.load(HadoopFiles.local(), last, null);
        int p = StateLayout.of(afterTwo.stateDict()).parameterCount();
        assertEquals(p, afterTwo.trainingArrays().get("optimizer/momentum_buffer").size(),
                "the optimizer state is merged from the replicas' slices into one full vector");
        assertEquals(0, Main.execute("train", "--resume", last, "--epochs", "2", "--replicas", "1", "--noplots"));
        Checkpoint resumed = Weights.load(HadoopFiles.local(), last, null);
        assertEquals(2, ((Number) resumed.training().get("epoch")).intValue());
        assertEquals(1 + 2 + 1, Files.readAllLines(tmp.resolve("replicas/two/replicas.csv")).size(),
                "header, epoch 0 on two replicas, epoch 1 on one");
    }

    @Test
    void resumeContinuesExactlyAndMayExtendEpochs() throws Exception {
        String project = tmp.resolve("resume").toString();
        String[] frozen = {"--hyp", TrainingStates.FROZEN_LR_HYP, "--noautoanchor", "--noplots"};
        assertEquals(0, train(project, "full", frozen));
        assertEquals(0, Main.execute("train", "--project", project, "--name", "cut", "--epochs", "1", "--batch-size",
                "8", "--img", "160", "--workers", "1", frozen[0], frozen[1], frozen[2], frozen[3]));
        String cutLast = tmp.resolve("resume/cut/weights/last.npz").toString();
        assertEquals(0, Main.execute("train", "--resume", cutLast, "--epochs", "2", "--noplots"));
        TrainingStates.assertSame(tmp.resolve("resume/full/weights/last.npz"), Path.of(cutLast), 1e-5, "resumed");
        assertEquals(2, Files.readAllLines(tmp.resolve("resume/cut/results.csv")).size() - 1);
    }

    @Test
    void savePeriodBatchesCheckpointsInMidEpochAndResumesFromThere() throws Exception {
        String project = tmp.resolve("steps").toString();
        String[] run = {"train", "--project", project, "--epochs", "1", "--batch-size", "2", "--img", "128",
            "--workers", "1", "--hyp", TrainingStates.FROZEN_LR_HYP, "--noautoanchor", "--noplots", "--noval"};
        assertEquals(0, Main.execute(concat(run, "--name", "whole")));
        // --save-period-steps, the option's former name, still works.
        assertEquals(0, Main.execute(concat(run, "--name", "spans", "--save-period-steps", "3")));
        Path spans = tmp.resolve("steps/spans");
        List<Path> steps;
        try (var files = Files.list(spans.resolve("weights"))) {
            steps = files.filter(f -> f.getFileName().toString().matches("batch\\d+\\.npz")).sorted().toList();
        }
        // 16 images in batches of 2: 8 batches, a checkpoint at the first optimizer step after every 3.
        assertTrue(steps.size() >= 1 && steps.size() <= 2, steps.toString());
        Checkpoint mid = Weights.load(HadoopFiles.local(), steps.get(0).toString(), null);
        assertEquals(0, ((Number) mid.training().get("epoch")).intValue());
        int batch = ((Number) mid.training().get(TrainState.EPOCH_BATCH)).intValue();
        assertTrue(batch >= 3 && batch < 8, "mid-epoch checkpoint at batch " + batch);
        assertEquals(2, Files.readAllLines(spans.resolve("results.csv")).size(), "one row for the epoch");

        Path whole = finished(tmp.resolve("steps/whole/weights/last.npz"));
        TrainingStates.assertSame(whole, finished(spans.resolve("weights/last.npz")), 1e-5, "trained in spans");

        Path resumedRun = tmp.resolve("steps/resumed");
        Files.createDirectories(resumedRun.resolve("weights"));
        Files.copy(steps.get(0), resumedRun.resolve("weights/last.npz"));
        assertEquals(0, Main.execute("train", "--resume", resumedRun.resolve("weights/last.npz").toString(), "--noplots"));
        TrainingStates.assertSame(whole, finished(resumedRun.resolve("weights/last.npz")), 1e-5,
                "resumed at batch " + batch);
    }

    @Test
    void twoReplicasTrainedInSpansEndAsInOneJobPerEpoch() throws Exception {
        String project = tmp.resolve("spans2").toString();
        String[] run = {"train", "--project", project, "--epochs", "1", "--batch-size", "4", "--img", "128",
            "--workers", "1", "--replicas", "2", "--hyp", TrainingStates.FROZEN_LR_HYP, "--noautoanchor", "--noplots",
            "--noval"};
        assertEquals(0, Main.execute(concat(run, "--name", "whole")));
        assertEquals(0, Main.execute(concat(run, "--name", "spans", "--save-period-steps", "2")));
        TrainingStates.assertSame(finished(tmp.resolve("spans2/whole/weights/last.npz")),
                finished(tmp.resolve("spans2/spans/weights/last.npz")), 1e-5, "two replicas in spans");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code last}, after checking that it finished its one epoch. */
    private static Path finished(Path last) throws java.io.IOException {
        Checkpoint c = Weights.load(HadoopFiles.local(), last.toString(), null);
        assertEquals(1, ((Number) c.training().get("epoch")).intValue());
        return last;
    }
}
