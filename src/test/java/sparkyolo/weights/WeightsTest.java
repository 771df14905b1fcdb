package sparkyolo.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkyolo.engine.Engines;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

class WeightsTest {
    @TempDir
    Path tmp;

    static Checkpoint released() throws IOException {
        return Weights.load(HadoopFiles.local(), SharedFixtures.parity("yolov5n.pt").toString(), null);
    }

    @Test
    void releasedCheckpointGivesTheReferenceOutputs() throws IOException {
        Checkpoint c = released();
        assertEquals(80, c.names().size());
        assertEquals("person", c.names().get(0));
        Map<String, NpyArray> forward = SharedFixtures.npz("forward.npz");
        try (YoloNetwork model = c.newModel(); NDManager m = model.manager().newSubManager()) {
            NpyArray in = forward.get("x_img_input");
            NDList raw = Engines.withoutGrad(() -> model.forward(m.create(in.toFloats(), new Shape(in.shape())), false));
            for (int i = 0; i < 3; i++) {
                float[] ref = forward.get("x_img_eval_raw" + i).toFloats();
                float[] got = raw.get(i).toFloatArray();
                float max = 0;
                for (int k = 0; k < ref.length; k++) {
                    max = Math.max(max, Math.abs(ref[k] - got[k]));
                }
                assertTrue(max <= 1e-4, "raw" + i + " max diff " + max);
            }
        }
    }

    @Test
    void bundledWeightsAreFoundByNameOnTheClasspath() throws IOException {
        assertTrue(Files.notExists(Path.of(Weights.BUNDLED)), "no such file in the working directory");
        Checkpoint bundled = Weights.load(HadoopFiles.local(), Weights.BUNDLED, null);
        assertEquals(80, bundled.names().size());
        byte[] onClasspath;
        try (var in = Weights.class.getResourceAsStream("/weights/" + Weights.BUNDLED)) {
            onClasspath = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(Path.of("weights", Weights.BUNDLED)), onClasspath, "the checkout's file");
        assertArrayEquals(Files.readAllBytes(SharedFixtures.parity("yolov5n.pt")), onClasspath,
                "the original's released yolov5n.pt");
    }

    @Test
    void missingWeightsNameTheBundledOnes() {
        for (String name : new String[] {"yolov5x.pt", tmp.resolve("yolov5n.pt").toString()}) {
            IOException e = assertThrows(java.io.FileNotFoundException.class,
                    () -> Weights.load(HadoopFiles.local(), name, null));
            assertEquals(name + ": not found (neither a file nor bundled weights: yolov5n.pt)", e.getMessage());
        }
    }

    @Test
    void npzStateDictNeedsAndUsesCfg() throws IOException {
        String npz = SharedFixtures.parity("state_dict.npz").toString();
        IOException e = assertThrows(IOException.class, () -> Weights.load(HadoopFiles.local(), npz, null));
        assertTrue(e.getMessage().contains("--cfg") && e.getMessage().contains("state_dict.npz"), e.getMessage());
        Checkpoint c = Weights.load(HadoopFiles.local(), npz, "yolov5n.yaml");
        try (YoloNetwork model = c.newModel()) {
            assertEquals(1_872_157, model.parameters().parameterCount());
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Weights.load(HadoopFiles.local(), npz, "yolov5s.yaml").newModel());
        assertTrue(wrong.getMessage().contains("state_dict.npz") && wrong.getMessage().contains("shape mismatch"),
                wrong.getMessage());
    }

    @Test
    void checkpointRoundTripsWeightsNamesConfigAndProvenance() throws IOException {
        Checkpoint c = released();
        Path file = tmp.resolve("ckpt.npz");
        Files.write(file, c.toBytes());
        Checkpoint back = Weights.load(HadoopFiles.local(), file.toString(), null);
        assertEquals(c.names(), back.names());
        assertEquals(c.spec().toYaml(), back.spec().toYaml());
        assertEquals(c.provenance().get("source"), back.provenance().get("source"));
        assertEquals(c.stateDict().keySet(), back.stateDict().keySet());
        for (String k : c.stateDict().keySet()) {
            assertArrayEquals(c.stateDict().get(k).toDoubles(), back.stateDict().get(k).toDoubles(), k);
        }
        // numpy reads the same file: every weight is a .npy member under its Ultralytics name
        Map<String, byte[]> members = Npz.readMembers(Files.readAllBytes(file), "ckpt.npz");
        assertTrue(members.containsKey("model.24.anchors.npy"));
        assertTrue(members.containsKey(Checkpoint.META_MEMBER));
    }

    @Test
    void refusesFilesThatAreNotWeights() throws IOException {
        Path text = tmp.resolve("notes.pt");
        Files.writeString(text, "not a checkpoint", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Weights.load(HadoopFiles.local(), text.toString(), null));
        assertTrue(e.getMessage().contains("notes.pt") && e.getMessage().contains("not a YOLOv5"), e.getMessage());
        Path empty = tmp.resolve("empty.npz");
        Files.write(empty, Npz.toBytes(Map.of(), Map.of("readme.txt", new byte[] {1})));
        IOException e2 = assertThrows(IOException.class, () -> Weights.load(HadoopFiles.local(), empty.toString(), "yolov5n"));
        assertTrue(e2.getMessage().contains("empty.npz"), e2.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> Weights.load(HadoopFiles.local(), tmp.resolve("nope.pt").toString(), null));
        assertTrue(missing.getMessage().contains("nope.pt"), missing.getMessage());
    }

    @Test
    void predictsAnyStrideMultipleInputSize() throws IOException {
        Checkpoint c = released();
        try (YoloNetwork model = c.newModel(); NDManager m = model.manager().newSubManager()) {
            NDArray out = model.predict(m.zeros(new Shape(1, 3, 64, 96)));
            assertArrayEquals(new long[] {1, 3 * (8 * 12 + 4 * 6 + 2 * 3), 85}, out.getShape().getShape());
        }
    }
}
