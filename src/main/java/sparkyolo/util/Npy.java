package sparkyolo.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the numpy {@code .npy} format (version 1.0/2.0, little-endian, C order). */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @param name used in error messages only (the file or zip entry)
     */
    public static NpyArray read(byte[] bytes, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (!b.hasRemaining() || b.get() != m) {
                throw new IOException(name + ": not a .npy array (bad magic)");
            }
        }
        int major = b.get() & 0xff;
        b.get();
        int headerLen = major == 1 ? (b.getShort() & 0xffff) : b.getInt();
        if (headerLen < 0 || b.remaining() < headerLen) {
            throw new IOException(name + ": truncated .npy header");
        }
        String header = new String(bytes, b.position(), headerLen, StandardCharsets.ISO_8859_1);
        b.position(b.position() + headerLen);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(name + ": unreadable .npy header: " + header.trim());
        }
        if (d.group(1).equals(">")) {
            throw new IOException(name + ": big-endian arrays are not supported");
        }
        if (f.group(1).equals("True")) {
            throw new IOException(name + ": Fortran-order arrays are not supported");
        }
        String[] dims = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteBuffer data = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            long expected = NpyArray.itemSize(d.group(2));
            for (long dim : shape) {
                expected *= dim;
            }
            if (data.remaining() < expected) {
                throw new IOException(name + ": truncated .npy data (" + data.remaining() + " of " + expected + " bytes)");
            }
            data.limit((int) expected);
            return new NpyArray(d.group(2), shape, data);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    public static byte[] write(NpyArray array) {
        StringBuilder shape = new StringBuilder("(");
        long[] dims = array.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(i == 0 && dims.length == 1 ? "," : (i < dims.length - 1 ? ", " : ""));
        }
        shape.append(")");
        String order = array.dtype().equals("u1") || array.dtype().equals("b1") || array.dtype().equals("i1") ? "|" : "<";
        StringBuilder header = new StringBuilder("{'descr': '" + order + array.dtype()
                + "', 'fortran_order': False, 'shape': " + shape + ", }");
        // Pad so that the data starts on a multiple of 64 bytes, header ends with '\n'.
        int total = MAGIC.length + 2 + 2 + header.length() + 1;
        while (total % 64 != 0) {
            header.append(' ');
            total++;
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream(total + (int) array.rawBytes().remaining());
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        int len = header.length();
        out.write(len & 0xff);
        out.write((len >> 8) & 0xff);
        out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer raw = array.rawBytes();
        byte[] data = new byte[raw.remaining()];
        raw.get(data);
        out.writeBytes(data);
        return out.toByteArray();
    }
}
