package sparkyolo.plots;

import java.awt.Color;
import org.opencv.core.Scalar;
import sparkyolo.detect.Annotator;

/** The colours the original's plots use. */
final class PlotColors {
    /** matplotlib's default line colour cycle (tab10), which the per-class curves take in turn. */
    static final Color[] MATPLOTLIB_CYCLE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF)};
    /** matplotlib's 'blue', the colour of the all-classes curve. */
    static final Color BLUE = new Color(0x0000FF);
    static final Color GREY = new Color(0x808080);

    private PlotColors() {
    }

    /** Class {@code cls}'s colour in the Ultralytics palette (the one boxes are drawn in). */
    static Color ofClass(int cls) {
        Scalar bgr = Annotator.color(cls);
        return new Color((int) bgr.val[2], (int) bgr.val[1], (int) bgr.val[0]);
    }
}
