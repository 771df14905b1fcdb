package sparkyolo.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the members of an in-memory zip archive through its central directory.
 * {@link java.util.zip.ZipInputStream} cannot be used: torch writes uncompressed (STORED)
 * members with data descriptors, which it rejects.
 */
public final class ZipMembers {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIR = 0x06054b50;
    private static final long MAX32 = 0xffffffffL;

    private final ByteBuffer zip;
    private final String name;

    private ZipMembers(byte[] bytes, String name) {
        this.zip = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.name = name;
    }

    /** True when the bytes start like a zip archive. */
    public static boolean looksLikeZip(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == LOCAL_HEADER;
    }

    /** Every file member's (uncompressed) bytes by name, in central directory order. */
    public static Map<String, ByteBuffer> read(byte[] bytes, String name) throws IOException {
        try {
            return new ZipMembers(bytes, name).members();
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new IOException(name + ": corrupt zip archive (" + e.getMessage() + ")", e);
        }
    }

    private Map<String, ByteBuffer> members() throws IOException {
        int end = findEndOfCentralDirectory();
        int entries = zip.getShort(end + 10) & 0xffff;
        long dirOffset = zip.getInt(end + 16) & MAX32;
        Map<String, ByteBuffer> members = new LinkedHashMap<>();
        int p = index(dirOffset);
        for (int i = 0; i < entries; i++) {
            expect(p, CENTRAL_HEADER);
            int method = zip.getShort(p + 10) & 0xffff;
            long compressed = zip.getInt(p + 20) & MAX32;
            long size = zip.getInt(p + 24) & MAX32;
            int nameLength = zip.getShort(p + 28) & 0xffff;
            int extraLength = zip.getShort(p + 30) & 0xffff;
            int commentLength = zip.getShort(p + 32) & 0xffff;
            long localHeader = zip.getInt(p + 42) & MAX32;
            String member = string(p + 46, nameLength);
            if (compressed == MAX32 || size == MAX32 || localHeader == MAX32) {
                // only needed beyond 4 GB, and a byte[] holds at most 2 GB
                throw new IOException(name + ": zip64 member " + member + " is not supported");
            }
            if (!member.endsWith("/")) {
                members.put(member, data(member, method, index(localHeader), index(compressed), Math.toIntExact(size)));
            }
            p += 46 + nameLength + extraLength + commentLength;
        }
        return members;
    }

    private int findEndOfCentralDirectory() throws IOException {
        int last = zip.capacity() - 22;
        for (int p = last; p >= 0 && p >= last - 0xffff; p--) {
            if (zip.getInt(p) == END_OF_CENTRAL_DIR) {
                return p;
            }
        }
        throw new IOException(name + ": corrupt zip archive (no central directory; truncated file?)");
    }

    private ByteBuffer data(String member, int method, int localHeader, int compressed, int size)
            throws IOException {
        expect(localHeader, LOCAL_HEADER);
        int start = localHeader + 30 + (zip.getShort(localHeader + 26) & 0xffff)
                + (zip.getShort(localHeader + 28) & 0xffff);
        ByteBuffer raw = zip.slice(start, compressed).order(ByteOrder.LITTLE_ENDIAN);
        if (method == 0) {
            if (compressed != size) {
                throw new IOException(name + ": stored zip member " + member + " has inconsistent sizes");
            }
            return raw;
        }
        if (method != 8) {
            throw new IOException(name + ": zip member " + member + " uses unsupported compression method " + method);
        }
        byte[] out = new byte[size];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            int n = inflater.inflate(out);
            if (n != size) {
                throw new IOException(name + ": zip member " + member + " inflates to " + n + " bytes, expected " + size);
            }
        } catch (DataFormatException e) {
            throw new IOException(name + ": zip member " + member + " is corrupt (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int expect(int at, int signature) throws IOException {
        if (zip.getInt(at) != signature) {
            throw new IOException(name + ": corrupt zip archive (bad record signature at byte " + at + ")");
        }
        return at;
    }

    private int index(long offset) {
        if (offset < 0 || offset > zip.capacity()) {
            throw new IllegalArgumentException("offset " + offset + " outside the " + zip.capacity() + "-byte archive");
        }
        return (int) offset;
    }

    private String string(int at, int length) {
        byte[] b = new byte[length];
        zip.get(at, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
