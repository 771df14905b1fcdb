package sparkyolo.plots;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import sparkyolo.io.HadoopFiles;

/** Encodes a rendered plot as PNG or JPEG (by the path's extension) and writes it atomically. */
final class PlotOutput {
    private PlotOutput() {
    }

    static void write(HadoopFiles files, String path, BufferedImage image) throws IOException {
        files.writeAtomically(path, encode(image, formatOf(path)));
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " encoder for a " + image.getType() + " image");
        }
        return out.toByteArray();
    }

    private static String formatOf(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "jpg";
        }
        throw new IllegalArgumentException(path + ": plots are written as .png or .jpg");
    }
}
