package sparkyolo.image;

import sparkyolo.image.BadImageException.Reason;

/**
 * Cheap checks on the raw bytes of an image file, run before decoding: libjpeg and libpng decode
 * truncated files with only a warning (the missing rows come out grey), so damage has to be caught
 * here.
 */
public final class ImageIntegrity {
    /**
     * How far from the end the end marker may lie. Cameras and some tools pad JPEGs with zeros or
     * append a short trailer after FFD9.
     */
    static final int TAIL_WINDOW = 1024;

    private static final byte[] JPEG_EOI = {(byte) 0xff, (byte) 0xd9};
    private static final byte[] PNG_IEND = {'I', 'E', 'N', 'D'};

    private ImageIntegrity() {
    }

    /** The real format of {@code bytes}, whatever {@code fileName} says; throws if the file is damaged. */
    public static ImageFormat check(byte[] bytes, String fileName) throws BadImageException {
        if (bytes.length == 0) {
            throw new BadImageException(fileName, Reason.EMPTY);
        }
        ImageFormat format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> new BadImageException(fileName, Reason.UNKNOWN_FORMAT));
        if (format == ImageFormat.JPEG && !inTail(bytes, JPEG_EOI)) {
            throw new BadImageException(fileName, Reason.TRUNCATED_JPEG);
        }
        if (format == ImageFormat.PNG && !inTail(bytes, PNG_IEND)) {
            throw new BadImageException(fileName, Reason.TRUNCATED_PNG);
        }
        return format;
    }

    /**
     * Whether {@code marker} occurs in the last {@link #TAIL_WINDOW} bytes. For JPEG this cannot be
     * fooled by scan data, where a 0xFF byte is always followed by 0x00 or a restart marker.
     */
    private static boolean inTail(byte[] bytes, byte[] marker) {
        int from = Math.max(0, bytes.length - TAIL_WINDOW);
        for (int i = bytes.length - marker.length; i >= from; i--) {
            if (matchesAt(bytes, i, marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] bytes, int offset, byte[] marker) {
        for (int k = 0; k < marker.length; k++) {
            if (bytes[offset + k] != marker[k]) {
                return false;
            }
        }
        return true;
    }
}
