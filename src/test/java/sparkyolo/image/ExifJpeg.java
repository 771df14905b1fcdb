package sparkyolo.image;

/** Inserts a minimal EXIF APP1 segment carrying only an orientation tag into a JPEG. */
public final class ExifJpeg {
    private ExifJpeg() {
    }

    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'I', 'I', 42, 0, 8, 0, 0, 0,                       // little-endian TIFF header, IFD0 at 8
            1, 0,                                               // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // 0x0112 Orientation, SHORT, 1 value
            0, 0, 0, 0};                                        // no next IFD
        byte[] exifId = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifId.length + tiff.length;
        byte[] out = new byte[jpeg.length + 2 + length];
        int p = 0;
        out[p++] = jpeg[0]; // SOI
        out[p++] = jpeg[1];
        out[p++] = (byte) 0xff;
        out[p++] = (byte) 0xe1; // APP1
        out[p++] = (byte) (length >> 8);
        out[p++] = (byte) length;
        System.arraycopy(exifId, 0, out, p, exifId.length);
        p += exifId.length;
        System.arraycopy(tiff, 0, out, p, tiff.length);
        p += tiff.length;
        System.arraycopy(jpeg, 2, out, p, jpeg.length - 2);
        return out;
    }
}
