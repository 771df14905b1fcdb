package sparkyolo.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The numpy {@code .npz} format: a zip of {@code .npy} members. Members that are not arrays
 * (for example a JSON metadata member) are returned by {@link #readMembers} as raw bytes.
 */
public final class Npz {
    private Npz() {
    }

    /** Every member's raw bytes, in archive order, keyed by member name (with its extension). */
    public static Map<String, byte[]> readMembers(InputStream in, String name) throws IOException {
        return readMembers(in.readAllBytes(), name);
    }

    public static Map<String, byte[]> readMembers(byte[] zip, String name) throws IOException {
        if (!ZipMembers.looksLikeZip(zip)) {
            throw new IOException(name + ": not a zip/npz archive");
        }
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (Map.Entry<String, java.nio.ByteBuffer> m : ZipMembers.read(zip, name).entrySet()) {
            byte[] b = new byte[m.getValue().remaining()];
            m.getValue().duplicate().get(b);
            members.put(m.getKey(), b);
        }
        if (members.isEmpty()) {
            throw new IOException(name + ": empty zip/npz archive");
        }
        return members;
    }

    /** The arrays of an npz, keyed by name without {@code .npy}, in archive order. */
    public static Map<String, NpyArray> read(InputStream in, String name) throws IOException {
        return arrays(readMembers(in, name), name);
    }

    /** The {@code .npy} members among {@code members}, keyed without the extension. */
    public static Map<String, NpyArray> arrays(Map<String, byte[]> members, String name) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            if (m.getKey().endsWith(".npy")) {
                String key = m.getKey().substring(0, m.getKey().length() - 4);
                arrays.put(key, Npy.read(m.getValue(), name + "[" + key + "]"));
            }
        }
        return arrays;
    }

    public static Map<String, NpyArray> read(java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Writes arrays (as {@code key.npy}) followed by extra raw members, uncompressed as numpy's
     * {@code savez} and torch.save do: float weights deflate by a few percent only, and deflating
     * a model's training state took seconds per epoch (a checkpoint, a broadcast, a task result).
     */
    public static void write(OutputStream out, Map<String, NpyArray> arrays, Map<String, byte[]> extraMembers)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
            putStored(zip, a.getKey() + ".npy", Npy.write(a.getValue()));
        }
        for (Map.Entry<String, byte[]> m : extraMembers.entrySet()) {
            putStored(zip, m.getKey(), m.getValue());
        }
        zip.finish();
        zip.flush();
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    public static byte[] toBytes(Map<String, NpyArray> arrays, Map<String, byte[]> extraMembers) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, arrays, extraMembers);
        return bytes.toByteArray();
    }
}
