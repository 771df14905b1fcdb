package sparkyolo.prep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns pixel boxes (COCO, VOC) into normalized {@code [cls, cx, cy, w, h]} rows of the image as
 * decoded. OpenCV applies the EXIF orientation at decode, but pixel annotations are usually drawn on
 * the stored pixel grid (COCO's own annotations and their stated sizes are; so is LabelImg's VOC
 * output): such boxes are normalized on the stored grid and then oriented like the pixels. Only
 * when the annotation states the oriented size (width and height swapped, non-square) are the
 * boxes taken as drawn on the oriented image. Boxes are clipped to the image.
 */
final class PixelBoxes {
    /** Overshoot below this many pixels (float rounding of x + w) is clipped without a report. */
    private static final double CLIP_TOLERANCE = 1e-3;

    private PixelBoxes() {
    }

    /**
     * @param width       the decoded (oriented) image width
     * @param height      the decoded (oriented) image height
     * @param orientation the JPEG's EXIF orientation, 1 when none
     */
    static List<float[]> normalize(SourceLabels.Pixels labels, int width, int height, int orientation, String imagePath,
            List<Issue> issues) {
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int storedW = swap ? height : width;
        int storedH = swap ? width : height;
        boolean drawnOriented = swap && width != height
                && labels.declaredWidth() == width && labels.declaredHeight() == height;
        int fw = drawnOriented ? width : storedW;
        int fh = drawnOriented ? height : storedH;
        if (labels.declaredWidth() > 0 && (labels.declaredWidth() != fw || labels.declaredHeight() != fh)) {
            issues.add(Issue.of(IssueReason.SIZE_MISMATCH, imagePath, labels.annotationPath() + " states "
                    + labels.declaredWidth() + "x" + labels.declaredHeight() + ", the image is " + fw + "x" + fh
                    + "; boxes normalized by the image's size"));
        }
        List<float[]> rows = new ArrayList<>();
        for (PixelBox b : labels.boxes()) {
            double x0 = clamp(b.x0(), fw);
            double y0 = clamp(b.y0(), fh);
            double x1 = clamp(b.x1(), fw);
            double y1 = clamp(b.y1(), fh);
            if (!(x1 > x0 && y1 > y0)) {
                issues.add(Issue.of(IssueReason.BOX_OUTSIDE_IMAGE, imagePath, b.ref() + ": " + corners(b)
                        + " has no area inside the " + fw + "x" + fh + " image"));
                continue;
            }
            if (b.x0() < -CLIP_TOLERANCE || b.y0() < -CLIP_TOLERANCE || b.x1() > fw + CLIP_TOLERANCE
                    || b.y1() > fh + CLIP_TOLERANCE) {
                issues.add(Issue.of(IssueReason.BOX_CLIPPED, imagePath, b.ref() + ": " + corners(b)
                        + " clipped to the " + fw + "x" + fh + " image"));
            }
            float[] row = {b.cls(), (float) ((x0 + x1) / 2 / fw), (float) ((y0 + y1) / 2 / fh),
                (float) ((x1 - x0) / fw), (float) ((y1 - y0) / fh)};
            rows.add(drawnOriented ? row : ExifOrientation.apply(orientation, row));
        }
        return rows;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static String corners(PixelBox b) {
        return String.format(Locale.ROOT, "[%.1f, %.1f, %.1f, %.1f]", b.x0(), b.y0(), b.x1(), b.y1());
    }
}
