package sparkyolo.prep;

import java.util.Locale;
import sparkyolo.util.InvalidOptionException;

/** The annotation formats {@code prepare} reads. */
public enum SourceFormat {
    /** An Ultralytics dataset YAML with YOLO txt labels. */
    YOLO,
    /** A COCO {@code instances_*.json} and its image folder. */
    COCO,
    /** A Pascal VOC root: {@code Annotations/*.xml}, {@code JPEGImages/}, {@code ImageSets/Main/*.txt}. */
    VOC;

    /** {@code yolo}, {@code coco} or {@code voc}, any case. */
    public static SourceFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidOptionException(PrepareOptions.FORMAT, "expected yolo, coco or voc, got '" + name + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
