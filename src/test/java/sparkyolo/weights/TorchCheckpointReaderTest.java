package sparkyolo.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkyolo.weights.TinyCheckpoints.beginModule;
import static sparkyolo.weights.TinyCheckpoints.endModule;
import static sparkyolo.weights.TinyCheckpoints.leafModule;
import static sparkyolo.weights.TinyCheckpoints.orderedDict;
import static sparkyolo.weights.TinyCheckpoints.parameter;
import static sparkyolo.weights.TinyCheckpoints.tensor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkyolo.util.NpyArray;

/** Small checkpoints written like torch.save does, exercising model choice, views and errors. */
class TorchCheckpointReaderTest {

    @Test
    void readsStridedOffsetAndHalfTensorsInStateDictOrder() throws IOException {
        TorchCheckpoint ckpt = TorchCheckpointReader.read(checkpoint(false, true), "tiny.pt");

        Map<String, NpyArray> sd = ckpt.stateDict();
        // 'model.0.tmp' is a non-persistent buffer, 'model.0.bias' and 'model.0.skip' are None
        assertEquals(List.of("model.0.weight", "model.0.running", "model.1.anchors"), List.copyOf(sd.keySet()));
        NpyArray weight = sd.get("model.0.weight");
        assertEquals("f4", weight.dtype());
        assertArrayEquals(new long[] {3, 2}, weight.shape());
        // size (3, 2), stride (1, 3) over storage 0..5 is the transpose of [[0, 1, 2], [3, 4, 5]]
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, weight.toFloats());
        NpyArray running = sd.get("model.0.running");
        assertEquals("i8", running.dtype());
        assertArrayEquals(new long[] {11, 12}, running.toLongs()); // storage offset 1
        NpyArray anchors = sd.get("model.1.anchors");
        assertEquals("f4", anchors.dtype());
        assertArrayEquals(new long[] {2, 2}, anchors.shape());
        assertArrayEquals(new float[] {1f, 2.5f, -0.5f, 65504f}, anchors.toFloats());
    }

    @Test
    void prefersEmaOverModelAndKeepsPlainMetadata() throws IOException {
        TorchCheckpoint ckpt = TorchCheckpointReader.read(checkpoint(true, true), "ema.pt");

        assertArrayEquals(new float[] {0, 300, 100, 400, 200, 500}, ckpt.stateDict().get("model.0.weight").toFloats());
        assertEquals("models.yolo.Model", ckpt.modelClass());
        assertEquals(List.of("cat", "dog"), ckpt.names()); // from the dict {1: 'dog', 0: 'cat'}
        assertEquals(Map.of("nc", 2L, "anchors", List.of(List.of(10L, 13L))), ckpt.yaml());
        // 'optimizer' holds a tensor, so it is not plain metadata
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("epoch", 3L);
        meta.put("date", "today");
        assertEquals(meta, ckpt.metadata());
    }

    @Test
    void readsFromAnInputStream() throws IOException {
        TorchCheckpoint ckpt = TorchCheckpointReader.read(new ByteArrayInputStream(checkpoint(false, true)),
                "hdfs://cluster/models/tiny.pt");
        assertEquals("hdfs://cluster/models/tiny.pt", ckpt.name());
        assertEquals(3, ckpt.stateDict().size());
    }

    @Test
    void namesMissingStorageMember() {
        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpointReader.read(checkpoint(false, false), "partial.pt"));
        assertEquals("partial.pt: storage member 'archive/data/ma' is missing from the checkpoint", e.getMessage());
    }

    @Test
    void rejectsTensorViewBeyondItsStorage() throws IOException {
        PickleBuilder p = new PickleBuilder().proto(2).op('}').op('(').str("model");
        beginModule(p, "models.common", "Conv");
        orderedDict(p.str("_parameters")).op('(').str("w");
        tensor(p, "FloatStorage", "0", 6, 0, new int[] {7}, new int[] {1}).op('u');
        orderedDict(p.str("_buffers"));
        orderedDict(p.str("_modules"));
        endModule(p).op('u').stop();
        byte[] zip = TinyCheckpoints.zip(p.bytes(), Map.of("0", floats(0, 1, 2, 3, 4, 5)));

        IOException e = assertThrows(IOException.class, () -> TorchCheckpointReader.read(zip, "view.pt"));
        assertTrue(e.getMessage().startsWith("view.pt: malformed pickle"), e.getMessage());
        assertTrue(e.getMessage().contains("exceeds storage '0' of 6 elements"), e.getMessage());
    }

    @Test
    void rejectsModuleThatContainsItself() throws IOException {
        PickleBuilder p = new PickleBuilder().proto(2).op('}').str("model");
        p.global("models.common", "C3").op(')').op(PickleBuilder.NEWOBJ).binput(0).op('}').op('(');
        orderedDict(p.str("_parameters"));
        orderedDict(p.str("_buffers"));
        orderedDict(p.str("_modules")).str("m").binget(0).op('s');
        endModule(p).op('s').stop();

        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpointReader.read(TinyCheckpoints.zip(p.bytes(), Map.of()), "loop.pt"));
        assertEquals("loop.pt: module 'm' contains itself", e.getMessage());
    }

    @Test
    void rejectsNonZip() {
        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpointReader.read("not a checkpoint".getBytes(StandardCharsets.US_ASCII), "notes.txt"));
        assertEquals("notes.txt is not a PyTorch checkpoint (expected a zip archive)", e.getMessage());
    }

    @Test
    void rejectsZipWithoutDataPkl() throws IOException {
        byte[] zip = TinyCheckpoints.zipOf(Map.of("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII)));

        IOException e = assertThrows(IOException.class, () -> TorchCheckpointReader.read(zip, "empty.pt"));
        assertEquals("empty.pt is not a PyTorch checkpoint (the zip archive has no <prefix>/data.pkl)", e.getMessage());
    }

    @Test
    void rejectsTruncatedZip() throws IOException {
        byte[] zip = checkpoint(false, true);
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);

        IOException e = assertThrows(IOException.class, () -> TorchCheckpointReader.read(truncated, "cut.pt"));
        assertTrue(e.getMessage().startsWith("cut.pt: corrupt zip archive"), e.getMessage());
    }

    @Test
    void rejectsPlainDictWithoutModel() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).op('}').str("epoch").integer(1).op('s').stop().bytes();

        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpointReader.read(TinyCheckpoints.zip(pickle, Map.of()), "dict.pt"));
        assertEquals("dict.pt is not a YOLOv5 checkpoint: no 'model' or 'ema' entry (keys: [epoch])", e.getMessage());
    }

    @Test
    void rejectsModelThatIsNoModule() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).op('}').str("model").str("yolov5n").op('s').stop().bytes();

        IOException e = assertThrows(IOException.class,
                () -> TorchCheckpointReader.read(TinyCheckpoints.zip(pickle, Map.of()), "str.pt"));
        assertTrue(e.getMessage().startsWith("str.pt is not a YOLOv5 checkpoint: ckpt['model'] is a String"),
                e.getMessage());
    }

    @Test
    void refusesForeignGlobalInsideCheckpoint() throws IOException {
        byte[] pickle = new PickleBuilder().proto(2).op('}').str("model")
                .global("os", "system").str("echo pwned").op(PickleBuilder.TUPLE1).op('R').op('s').stop().bytes();

        UnsafePickleException e = assertThrows(UnsafePickleException.class,
                () -> TorchCheckpointReader.read(TinyCheckpoints.zip(pickle, Map.of()), "yolov5n.pt"));
        assertEquals("yolov5n.pt: refused to load pickle global 'os.system' (not a YOLOv5 checkpoint class or tensor)",
                e.getMessage());
    }

    /**
     * {@code {'epoch': 3, 'model': Model, 'ema': Model or None, 'optimizer': {'lr': tensor}, 'date': 'today'}};
     * the ema weights are the model's times 100. Without {@code complete} one storage is left out.
     */
    private static byte[] checkpoint(boolean withEma, boolean complete) throws IOException {
        PickleBuilder p = new PickleBuilder().proto(2).op('}').op('(');
        p.str("epoch").integer(3);
        model(p.str("model"), "m");
        if (withEma) {
            model(p.str("ema"), "e");
        } else {
            p.str("ema").op('N');
        }
        p.str("optimizer").op('}').str("lr");
        tensor(p, "DoubleStorage", "lr", 1, 0, new int[0], new int[0]).op('s');
        p.str("date").str("today");
        p.op('u').stop();

        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("mw", floats(0, 1, 2, 3, 4, 5));
        storages.put("mr", longs(10, 11, 12));
        if (complete) {
            storages.put("ma", halfs(0x3c00, 0x4100, 0xb800, 0x7bff)); // 1, 2.5, -0.5, 65504
        }
        storages.put("ew", floats(0, 100, 200, 300, 400, 500));
        storages.put("er", longs(10, 11, 12));
        storages.put("ea", halfs(0x3c00, 0x4100, 0xb800, 0x7bff));
        storages.put("lr", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.01).array());
        return TinyCheckpoints.zip(p.bytes(), storages);
    }

    /** models.yolo.Model > Sequential 'model' > [Conv '0' (> SiLU 'act'), Detect '1']. */
    private static void model(PickleBuilder p, String k) {
        beginModule(p, "models.yolo", "Model");
        orderedDict(p.str("_parameters"));
        orderedDict(p.str("_buffers"));
        p.str("_non_persistent_buffers_set").global("__builtin__", "set").op(']').op(PickleBuilder.TUPLE1).op('R');
        orderedDict(p.str("_modules")).op('(').str("model");
        {
            beginModule(p, "torch.nn.modules.container", "Sequential");
            orderedDict(p.str("_parameters"));
            orderedDict(p.str("_buffers"));
            orderedDict(p.str("_modules")).op('(').str("0");
            conv(p, k);
            p.str("1");
            detect(p, k);
            p.op('u');
            endModule(p);
        }
        p.op('u');
        p.str("yaml").op('}').op('(').str("nc").integer(2)
                .str("anchors").op(']').op(']').integer(10).op('a').integer(13).op('a').op('a').op('u');
        p.str("names").op('}').op('(').integer(1).str("dog").integer(0).str("cat").op('u');
        endModule(p);
    }

    private static void conv(PickleBuilder p, String k) {
        beginModule(p, "models.common", "Conv");
        orderedDict(p.str("_parameters")).op('(').str("weight");
        parameter(p, "FloatStorage", k + "w", 6, 0, new int[] {3, 2}, new int[] {1, 3});
        p.str("bias").op('N').op('u');
        orderedDict(p.str("_buffers")).op('(').str("running");
        tensor(p, "LongStorage", k + "r", 3, 1, new int[] {2}, new int[] {1});
        p.str("tmp");
        tensor(p, "FloatStorage", k + "w", 6, 0, new int[] {6}, new int[] {1});
        p.op('u');
        p.str("_non_persistent_buffers_set").global("__builtin__", "set")
                .op(']').str("tmp").op('a').op(PickleBuilder.TUPLE1).op('R');
        orderedDict(p.str("_modules")).op('(').str("act");
        leafModule(p, "torch.nn.modules.activation", "SiLU");
        p.str("skip").op('N').op('u');
        endModule(p);
    }

    private static void detect(PickleBuilder p, String k) {
        beginModule(p, "models.yolo", "Detect");
        orderedDict(p.str("_parameters"));
        orderedDict(p.str("_buffers")).op('(').str("anchors");
        tensor(p, "HalfStorage", k + "a", 4, 0, new int[] {2, 2}, new int[] {2, 1});
        p.op('u');
        orderedDict(p.str("_modules"));
        endModule(p);
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static byte[] longs(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b.array();
    }

    private static byte[] halfs(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : bits) {
            b.putShort((short) h);
        }
        return b.array();
    }
}
