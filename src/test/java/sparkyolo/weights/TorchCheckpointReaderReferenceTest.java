package sparkyolo.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

/** Reads the original yolov5n.pt and compares it with the fixtures exported by PyTorch. */
class TorchCheckpointReaderReferenceTest {
    private static TorchCheckpoint ckpt;

    @BeforeAll
    static void readCheckpoint() throws IOException {
        ckpt = TorchCheckpointReader.read(SharedFixtures.parity("yolov5n.pt"));
    }

    @Test
    void stateDictEqualsPyTorchExport() throws IOException {
        Map<String, NpyArray> expected = SharedFixtures.npz("state_dict.npz");
        Map<String, NpyArray> actual = ckpt.stateDict();
        assertEquals(349, actual.size());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        for (Map.Entry<String, NpyArray> e : expected.entrySet()) {
            String key = e.getKey();
            NpyArray want = e.getValue();
            NpyArray got = actual.get(key);
            assertArrayEquals(want.shape(), got.shape(), key);
            if (key.endsWith("num_batches_tracked")) {
                assertEquals("i8", got.dtype(), key);
                assertArrayEquals(want.toLongs(), got.toLongs(), key);
            } else {
                assertEquals("f4", got.dtype(), key);
                // fp16 -> fp32 is exact, so the arrays must be bit-identical
                assertArrayEquals(want.toFloats(), got.toFloats(), key);
            }
        }
    }

    @Test
    void yamlMatchesModelConfig() {
        Map<String, Object> yaml = ckpt.yaml();
        assertEquals(80L, yaml.get("nc"));
        assertEquals(0.33, yaml.get("depth_multiple"));
        assertEquals(0.25, yaml.get("width_multiple"));
        assertEquals(List.of(List.of(10L, 13L, 16L, 30L, 33L, 23L), List.of(30L, 61L, 62L, 45L, 59L, 119L),
                List.of(116L, 90L, 156L, 198L, 373L, 326L)), yaml.get("anchors"));
        assertEquals(10, ((List<?>) yaml.get("backbone")).size());
        assertEquals(15, ((List<?>) yaml.get("head")).size());
        assertEquals(List.of(-1L, 1L, "Conv", List.of(64L, 6L, 2L, 2L)), ((List<?>) yaml.get("backbone")).get(0));
        assertEquals(List.of(List.of(17L, 20L, 23L), 1L, "Detect", List.of("nc", "anchors")),
                ((List<?>) yaml.get("head")).get(14));
    }

    @Test
    void namesAndMetadata() {
        assertEquals(80, ckpt.names().size());
        assertEquals("person", ckpt.names().get(0));
        assertEquals("toothbrush", ckpt.names().get(79));
        assertEquals("models.yolo.Model", ckpt.modelClass());
        Map<String, Object> meta = ckpt.metadata();
        assertEquals(List.of("epoch", "best_fitness", "updates", "optimizer", "wandb_id", "date"),
                new ArrayList<>(meta.keySet()));
        assertEquals(-1L, meta.get("epoch"));
        assertNull(meta.get("optimizer"));
        assertEquals("2022-02-08T18:24:20.515893", meta.get("date"));
    }
}
