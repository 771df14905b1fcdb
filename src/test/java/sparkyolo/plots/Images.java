package sparkyolo.plots;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import sparkyolo.io.HadoopFiles;

/** Reading back written plots and looking at their pixels. */
final class Images {
    private Images() {
    }

    /** Reads {@code path} through Hadoop and decodes it (PNG or JPEG). */
    static BufferedImage read(HadoopFiles files, String path) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(files.readAllBytes(path)));
        assertNotNull(image, path + " does not decode as an image");
        return image;
    }

    /** Pixels in [x0, x1) × [y0, y1) within {@code tolerance} of {@code color} in every channel. */
    static int countNear(BufferedImage image, Color color, int tolerance, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (near(new Color(image.getRGB(x, y)), color, tolerance)) {
                    count++;
                }
            }
        }
        return count;
    }

    static int countNear(BufferedImage image, Color color, int tolerance) {
        return countNear(image, color, tolerance, 0, 0, image.getWidth(), image.getHeight());
    }

    /** Pixels that are not (near) white: drawn content. */
    static int countNonWhite(BufferedImage image) {
        return image.getWidth() * image.getHeight() - countNear(image, Color.WHITE, 8);
    }

    static boolean near(Color a, Color b, int tolerance) {
        return Math.abs(a.getRed() - b.getRed()) <= tolerance && Math.abs(a.getGreen() - b.getGreen()) <= tolerance
                && Math.abs(a.getBlue() - b.getBlue()) <= tolerance;
    }
}
