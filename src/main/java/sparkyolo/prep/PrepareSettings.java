package sparkyolo.prep;

import java.io.Serializable;

/**
 * What each executor task needs to prepare an image.
 *
 * @param sourceNc the number of source classes (YOLO class ids are checked against it)
 * @param remap    source class → output class
 */
record PrepareSettings(int minSize, int maxSide, int jpegQuality, int sourceNc, ClassRemap remap) implements Serializable {
    static PrepareSettings of(PrepareOptions o, int sourceNc, ClassRemap remap) {
        return new PrepareSettings(o.minSize(), o.maxSide(), o.jpegQuality(), sourceNc, remap);
    }
}
