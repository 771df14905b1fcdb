package sparkyolo.plots;

import java.awt.GraphicsEnvironment;

/**
 * Java2D finds fonts through fontconfig. On a machine without any font file it fails deep inside
 * the first text layout (InternalError: "Fontconfig head is null"); this check fails first and
 * says what to install.
 */
final class Fonts {
    private static final String MISSING = "Plots need at least one font that fontconfig can find (fc-list lists none);"
            + " on Debian/Ubuntu install them with: apt-get install fontconfig fonts-dejavu-core";
    private static volatile boolean available;

    private Fonts() {
    }

    static void requireAvailable() {
        if (available) {
            return;
        }
        String[] families;
        try {
            families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        } catch (Error e) {
            throw new IllegalStateException(MISSING, e);
        }
        if (families.length == 0) {
            throw new IllegalStateException(MISSING);
        }
        available = true;
    }
}
