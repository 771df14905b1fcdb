package sparkyolo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.cli.Main;
import sparkyolo.data.YoloLabels;
import sparkyolo.data.augment.AugmentParams;
import sparkyolo.data.augment.BatchLoader;
import sparkyolo.data.augment.InMemoryImageSource;
import sparkyolo.data.augment.SampleFactory;
import sparkyolo.dist.SingleReplica;
import sparkyolo.hyp.Hyp;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.ModelSpec;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.TestSpark;
import sparkyolo.weights.Checkpoint;
import sparkyolo.weights.Weights;

/** Bad things during training: NaN gradients, a crash while writing a checkpoint, a corrupt image. */
class TrainingFaultsTest {
    static final Path SAMPLE = Path.of("data/coco-sample");

    @TempDir
    Path tmp;

    static InMemoryImageSource sampleImages() throws IOException {
        List<InMemoryImageSource.Entry> entries = new ArrayList<>();
        try (var files = Files.list(SAMPLE.resolve("images/train"))) {
            for (Path p : files.sorted().toList()) {
                String stem = p.getFileName().toString().replace(".jpg", "");
                String labels = Files.readString(SAMPLE.resolve("labels/train/" + stem + ".txt"));
                entries.add(new InMemoryImageSource.Entry(p.toString(), Files.readAllBytes(p),
                        YoloLabels.parse(labels, stem + ".txt", 80).rows()));
            }
        }
        return new InMemoryImageSource(entries);
    }

    @Test
    void nanGradientStepIsSkippedAndCounted() throws Exception {
        OpenCv.ensureLoaded();
        Hyp hyp = Hyp.defaults();
        TrainOptions options = TrainOptions.builder().epochs(1).batchSize(4).imgSize(128).workers(1).replicas(1).build();
        ModelSpec spec = ModelSpec.load("yolov5n.yaml");
        YoloNetwork model = YoloNetwork.build(spec, 0);
        TrainState state = TrainState.start(spec, Checkpoint.defaultNames(80), model.parameters().toStateDict());
        LossFunction real = TrainingLoss.create(model, hyp, options);
        int[] calls = {0};
        LossFunction poisoned = (raw, targets) -> {
            LossFunction.Output out = real.compute(raw, targets);
            // the second batch's loss becomes NaN, so are all its gradients
            return calls[0]++ == 1 ? new LossFunction.Output(out.total().mul(Float.NaN), out.items()) : out;
        };
        SampleFactory samples = new SampleFactory(sampleImages(), 128, true, AugmentParams.of(hyp), 0);
        EpochPlan plan = EpochPlan.of(EpochOrder.permutation(12, 0, 0), 4, 1, 0, 0);
        try (ReplicaTrainer trainer = new ReplicaTrainer(model, state, options, hyp, poisoned, SingleReplica.INSTANCE);
             BatchLoader loader = new BatchLoader(samples, 0, plan.microBatches(), 1, 2)) {
            EpochStats stats = trainer.runEpoch(0, plan, loader, null);
            assertEquals(3, stats.batches());
            assertEquals(1, stats.nanSkipped(), "the NaN step is skipped and counted");
            assertEquals(2, stats.optimizerSteps() - stats.nanSkipped());
            for (var e : trainer.modelState().entrySet()) {
                for (double v : e.getValue().toDoubles()) {
                    assertTrue(Double.isFinite(v), "weights stay finite: " + e.getKey());
                }
            }
            assertEquals(1L, ((Number) trainer.shard(stats).counters().get("nan_skipped_steps")).longValue());
        }
    }

    @Test
    void crashWhileWritingACheckpointKeepsTheLastGoodOne() throws Exception {
        HadoopFiles files = HadoopFiles.local();
        String last = tmp.resolve("weights/last.npz").toString();
        Checkpoint good;
        try (YoloNetwork model = YoloNetwork.build(ModelSpec.load("yolov5n.yaml"), 0)) {
            good = Checkpoint.of(model.spec(), Checkpoint.defaultNames(80), model.parameters().toStateDict(), java.util.Map.of());
        }
        byte[] bytes = good.toBytes();
        files.writeAtomically(last, bytes);
        IOException crash = assertThrows(IOException.class, () -> files.writeAtomically(last, out -> {
            out.write(bytes, 0, bytes.length / 2);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", crash.getMessage());
        Checkpoint back = Weights.load(files, last, null);
        assertArrayEquals(good.stateDict().get("model.0.conv.weight").toFloats(),
                back.stateDict().get("model.0.conv.weight").toFloats());
        try (var left = Files.list(tmp.resolve("weights"))) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().contains(".tmp")).count(),
                    "no temporary files left");
        }
    }

    @Test
    void corruptTrainingImageIsSkippedAndNamed() throws Exception {
        TestSpark.session();
        Path ds = tmp.resolve("ds");
        Files.createDirectories(ds.resolve("images/train"));
        Files.createDirectories(ds.resolve("labels/train"));
        try (var files = Files.list(SAMPLE.resolve("images/train"))) {
            for (Path p : files.sorted().limit(8).toList()) {
                Files.copy(p, ds.resolve("images/train").resolve(p.getFileName()));
                String stem = p.getFileName().toString().replace(".jpg", ".txt");
                Files.copy(SAMPLE.resolve("labels/train").resolve(stem), ds.resolve("labels/train").resolve(stem));
            }
        }
        byte[] jpeg = Files.readAllBytes(ds.resolve("images/train").resolve(
                Files.list(ds.resolve("images/train")).sorted().findFirst().orElseThrow().getFileName()));
        Files.write(ds.resolve("images/train/broken.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.writeString(ds.resolve("data.yaml"), Files.readString(SAMPLE.resolve("coco-sample.yaml")));
        assertEquals(0, Main.execute("train", "--data", ds.resolve("data.yaml").toString(), "--project",
                tmp.resolve("runs").toString(), "--epochs", "1", "--batch-size", "4", "--img", "128", "--workers", "1",
                "--noautoanchor", "--noplots"));
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("runs/exp/metrics.json").toFile());
        assertEquals(8, m.get("images").asInt());
        assertTrue(m.get("skipped_images").get(0).asText().contains("broken.jpg"), m.toString());
    }
}
