package sparkyolo.plots;

import java.awt.Graphics2D;

/** Something that paints itself into a width × height area; XChart charts fit as {@code chart::paint}. */
@FunctionalInterface
interface Panel {
    void paint(Graphics2D g, int width, int height);
}
