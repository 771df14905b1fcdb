package sparkyolo.detect;

import java.io.Serializable;
import sparkyolo.engine.InferenceEngine;

/**
 * What a detection run does with each image.
 *
 * @param imgSize   inference size (long side, a multiple of the model stride)
 * @param saveImages write annotated images
 * @param saveTxt    write YOLO txt labels under {@code labels/}
 * @param saveConf   add the confidence to txt labels
 * @param engine     what runs inference
 */
public record DetectOptions(int imgSize, NmsOptions nms, boolean saveImages, boolean saveTxt, boolean saveConf,
        InferenceEngine engine) implements Serializable {
}
