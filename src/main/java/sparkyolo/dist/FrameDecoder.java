package sparkyolo.dist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes one block frame ({@link BlockFrame}) into {@code dst[off, off + len)} as its bytes
 * arrive, in pieces of any size: a value or the header cut between two pieces is put together in
 * a small buffer. A network thread may feed it; a malformed frame is only reported by
 * {@link #finish}, on the reading thread, and nothing is written past a wrong header.
 */
final class FrameDecoder implements PeerBlocks.Sink {
    private final WireFormat format;
    private final float[] dst;
    private final int off;
    private final int len;
    private final String what;
    private final ByteBuffer header = ByteBuffer.allocate(BlockFrame.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer cut;
    private long bytes;
    private int done;
    private boolean headerMatches;

    FrameDecoder(WireFormat format, float[] dst, int off, int len, String what) {
        this.format = format;
        this.dst = dst;
        this.off = off;
        this.len = len;
        this.what = what;
        this.cut = ByteBuffer.allocate(format.bytesPerValue()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Decodes the piece's remaining bytes (without moving its position). */
    @Override
    public void accept(ByteBuffer piece) {
        bytes += piece.remaining();
        ByteBuffer p = piece.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (header.hasRemaining()) {
            while (header.hasRemaining() && p.hasRemaining()) {
                header.put(p.get());
            }
            headerMatches = !header.hasRemaining() && header.getInt(0) == format.ordinal() && header.getInt(4) == len;
        }
        if (!headerMatches) {
            return;
        }
        int width = format.bytesPerValue();
        if (cut.position() > 0) {
            while (cut.hasRemaining() && p.hasRemaining()) {
                cut.put(p.get());
            }
            if (!cut.hasRemaining() && done < len) {
                format.decode(cut, 0, dst, off + done++, 1);
                cut.clear();
            }
        }
        int whole = Math.min(p.remaining() / width, len - done);
        format.decode(p, p.position(), dst, off + done, whole);
        done += whole;
        p.position(p.position() + whole * width);
        if (done < len) {
            cut.put(p);
        }
    }

    /**
     * Checks that the frame was whole and of the expected format and length.
     *
     * @throws IllegalStateException when it was not
     */
    @Override
    public void finish() {
        if (!headerMatches || bytes != BlockFrame.bytes(format, len)) {
            boolean whole = !header.hasRemaining();
            throw new IllegalStateException(what + ": expected " + len + " values as " + format + ", got "
                    + (whole ? header.getInt(4) : -1) + " values in format #" + (whole ? header.getInt(0) : -1)
                    + " (" + bytes + " bytes)");
        }
    }
}
