package sparkyolo.prep;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in the APP1 "Exif" segment), which OpenCV's
 * {@code imdecode} applies to the pixels, and the same transform for normalized boxes. Values: 1
 * as stored, 2 mirrored, 3 rotated 180°, 4 flipped, 5 transposed, 6 rotated 90° clockwise, 7
 * transversed, 8 rotated 90° counter-clockwise; 5-8 swap width and height.
 */
final class ExifOrientation {
    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /** The orientation of a JPEG, or {@link #NORMAL} when it has none (or is not a JPEG). */
    static int read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return NORMAL;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xff) {
                return NORMAL;
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return NORMAL; // scan data follows: the metadata segments are over
            }
            int length = u16(jpeg, pos + 2, false);
            int body = pos + 4;
            if (marker == 0xe1 && length >= 8 && isExifHeader(jpeg, body)) {
                return fromTiff(jpeg, body + 6, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return NORMAL;
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return at + 6 <= b.length && b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f'
                && b[at + 4] == 0 && b[at + 5] == 0;
    }

    /** Tag 0x0112 of IFD0 of the TIFF structure in {@code [start, end)}. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return NORMAL;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        long ifd = start + u32(b, start + 4, little);
        if (ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int e = (int) ifd + 2 + 12 * i;
            if (e + 12 > end) {
                break;
            }
            if (u16(b, e, little) == 0x0112) {
                int value = u16(b, e + 8, little); // a SHORT sits at the start of the value field
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** A normalized box {@code [cls, cx, cy, w, h]} of the stored image as it lies in the oriented image. */
    static float[] apply(int orientation, float[] box) {
        float cx = box[1];
        float cy = box[2];
        float w = box[3];
        float h = box[4];
        return switch (orientation) {
            case 2 -> new float[] {box[0], 1 - cx, cy, w, h};
            case 3 -> new float[] {box[0], 1 - cx, 1 - cy, w, h};
            case 4 -> new float[] {box[0], cx, 1 - cy, w, h};
            case 5 -> new float[] {box[0], cy, cx, h, w};
            case 6 -> new float[] {box[0], 1 - cy, cx, h, w};
            case 7 -> new float[] {box[0], 1 - cy, 1 - cx, h, w};
            case 8 -> new float[] {box[0], cy, 1 - cx, h, w};
            default -> box.clone();
        };
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        return little ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, at, little);
        long lo = u16(b, at + 2, little);
        return little ? hi | lo << 16 : hi << 16 | lo;
    }
}
