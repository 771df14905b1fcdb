package sparkyolo.data;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * What a scan learns about an image's labels besides the rows it keeps: whether the label file
 * exists at all, and how many boxes name a class id of nc or more (the sign of a wrong {@code nc}
 * or {@code names} in the dataset YAML), with the largest class id used.
 *
 * @param missing         no label file (for a prepared row: never)
 * @param classOutOfRange boxes whose class id is nc or more
 * @param largestClass    the largest integer class id of any box, -1 when none
 */
public record LabelFileInfo(boolean missing, int classOutOfRange, int largestClass) implements Serializable {
    /** A label file that exists, with every class id below nc. */
    public static final LabelFileInfo FOUND = new LabelFileInfo(false, 0, -1);

    private static final Pattern INTEGER = Pattern.compile("[+]?\\d+(\\.0*)?");

    /** Whether a box's class column ({@code text}, parsed as {@code value}) is a non-negative integer id. */
    static boolean isClassId(String text, float value) {
        return INTEGER.matcher(text).matches() && value == Math.rint(value);
    }
}
