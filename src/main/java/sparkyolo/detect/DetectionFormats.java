package sparkyolo.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.util.PyFormat;

/** The original's output formats for detections: YOLO txt lines and COCO results JSON entries. */
public final class DetectionFormats {
    private DetectionFormats() {
    }

    /**
     * YOLO label lines {@code cls cx cy w h [conf]}, normalized by the image size, numbers as
     * Python's {@code %g}.
     */
    public static String yoloTxt(float[][] detections, int width, int height, boolean withConf) {
        StringBuilder sb = new StringBuilder();
        for (float[] d : detections) {
            double cx = (d[0] + d[2]) / 2.0 / width;
            double cy = (d[1] + d[3]) / 2.0 / height;
            double w = (d[2] - d[0]) / (double) width;
            double h = (d[3] - d[1]) / (double) height;
            sb.append(PyFormat.g((int) d[5])).append(' ').append(PyFormat.g((float) cx)).append(' ')
                    .append(PyFormat.g((float) cy)).append(' ').append(PyFormat.g((float) w)).append(' ')
                    .append(PyFormat.g((float) h));
            if (withConf) {
                sb.append(' ').append(PyFormat.g(d[4]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The image id the original's val uses: the file stem, as a number when it is numeric. */
    public static Object imageId(String stem) {
        return stem.chars().allMatch(Character::isDigit) && !stem.isEmpty() && stem.length() < 19
                ? (Object) Long.parseLong(stem) : stem;
    }

    /**
     * COCO results entries: image_id, category_id (class index), bbox {@code [x, y, w, h]} (top-left,
     * original pixels, 3 decimals) and score (5 decimals).
     */
    public static List<Map<String, Object>> cocoResults(Object imageId, float[][] detections) {
        List<Map<String, Object>> out = new ArrayList<>(detections.length);
        for (float[] d : detections) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("image_id", imageId);
            e.put("category_id", (int) d[5]);
            e.put("bbox", List.of(round(d[0], 3), round(d[1], 3), round(d[2] - d[0], 3), round(d[3] - d[1], 3)));
            e.put("score", round(d[4], 5));
            out.add(e);
        }
        return out;
    }

    private static double round(double v, int decimals) {
        return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }
}
