package sparkyolo.prep;

import java.io.Serializable;
import java.util.List;

/** Where an image's labels come from. */
public sealed interface SourceLabels extends Serializable {
    /** A YOLO txt file, read and checked on the executor; absent means a background image. */
    record YoloFile(String path) implements SourceLabels {
    }

    /**
     * Boxes in pixels read on the driver (COCO JSON, VOC XML).
     *
     * @param declaredWidth  the image width the annotation states, or 0 when it states none
     * @param declaredHeight the image height the annotation states, or 0
     * @param annotationPath the annotation file, named in issues
     */
    record Pixels(int declaredWidth, int declaredHeight, List<PixelBox> boxes, String annotationPath)
            implements SourceLabels {
        public Pixels {
            boxes = List.copyOf(boxes);
        }
    }
}
