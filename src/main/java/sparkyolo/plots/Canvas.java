package sparkyolo.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Paints panels into a grid on a white RGB image. Panels are laid out in logical units and the
 * whole figure is scaled to the output size, the way a matplotlib figure is drawn at a dpi: the
 * original's plots are figsize × dpi pixels with text sized for the figure, not the pixels.
 */
final class Canvas {
    private Canvas() {
    }

    /**
     * @param panels row-major, {@code rows × cols} entries, null for an empty cell
     * @param width  logical figure width; the image is {@code round(width * scale)} pixels wide
     */
    static BufferedImage grid(List<Panel> panels, int rows, int cols, int width, int height, double scale) {
        if (panels.size() != rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " grid needs " + rows * cols + " panels, got "
                    + panels.size());
        }
        Fonts.requireAvailable();
        BufferedImage image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            AffineTransform figure = g.getTransform();
            int cellWidth = width / cols;
            int cellHeight = height / rows;
            for (int i = 0; i < panels.size(); i++) {
                Panel panel = panels.get(i);
                if (panel == null) {
                    continue;
                }
                g.setTransform(figure);
                g.translate((i % cols) * cellWidth, (i / cols) * cellHeight);
                g.setClip(0, 0, cellWidth, cellHeight);
                panel.paint(g, cellWidth, cellHeight);
                g.setClip(null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One panel filling the figure. */
    static BufferedImage single(Panel panel, int width, int height, double scale) {
        return grid(List.of(panel), 1, 1, width, height, scale);
    }
}
