package sparkyolo.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the pieces of a torch checkpoint pickle (module objects, tensors) the way
 * {@code torch.save} does, and packs pickle plus storages into an in-memory zip.
 */
final class TinyCheckpoints {
    private TinyCheckpoints() {
    }

    /** {@code OrderedDict()} via REDUCE, as torch pickles module dicts. */
    static PickleBuilder orderedDict(PickleBuilder p) {
        return p.global("collections", "OrderedDict").op(')').op('R');
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
    static PickleBuilder tensor(PickleBuilder p, String storageClass, String key, int numel, int offset,
            int[] size, int[] stride) {
        p.global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').str("storage").global("torch", storageClass).str(key).str("cpu").integer(numel).op('t').op('Q');
        p.integer(offset);
        ints(p, size);
        ints(p, stride);
        p.op(PickleBuilder.NEWFALSE);
        orderedDict(p);
        return p.op('t').op('R');
    }

    /** {@code _rebuild_parameter(tensor, True, OrderedDict())} around a {@link #tensor}. */
    static PickleBuilder parameter(PickleBuilder p, String storageClass, String key, int numel, int offset,
            int[] size, int[] stride) {
        p.global("torch._utils", "_rebuild_parameter").op('(');
        tensor(p, storageClass, key, numel, offset, size, stride);
        p.op(PickleBuilder.NEWTRUE);
        orderedDict(p);
        return p.op('t').op('R');
    }

    private static void ints(PickleBuilder p, int[] values) {
        p.op('(');
        for (int v : values) {
            p.integer(v);
        }
        p.op('t');
    }

    /**
     * Starts a module object: {@code cls.__new__()} then an attribute dict opened with MARK. The
     * caller writes {@code key value} pairs and finishes with {@link #endModule}.
     */
    static PickleBuilder beginModule(PickleBuilder p, String module, String cls) {
        return p.global(module, cls).op(')').op(PickleBuilder.NEWOBJ).op('}').op('(');
    }

    /** SETITEMS into the attribute dict, then BUILD. */
    static PickleBuilder endModule(PickleBuilder p) {
        return p.op('u').op('b');
    }

    /** A module with no parameters, buffers or children (e.g. SiLU). */
    static PickleBuilder leafModule(PickleBuilder p, String module, String cls) {
        beginModule(p, module, cls);
        orderedDict(p.str("_parameters"));
        orderedDict(p.str("_buffers"));
        orderedDict(p.str("_modules"));
        return endModule(p);
    }

    /** A zip like torch.save writes: {@code archive/data.pkl}, {@code archive/data/<key>}, {@code archive/version}. */
    static byte[] zip(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("archive/data.pkl", pickle);
        storages.forEach((key, bytes) -> members.put("archive/data/" + key, bytes));
        members.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zipOf(members);
    }

    /** A zip of the given members (deflated, with data descriptors). */
    static byte[] zipOf(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                member(zip, m.getKey(), m.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void member(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
