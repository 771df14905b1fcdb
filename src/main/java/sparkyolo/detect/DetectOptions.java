package sparkyolo.detect;

import java.io.Serializable;

/**
 * What a detection run does with each image.
 *
 * @param imgSize   inference size (long side, a multiple of the model stride)
 * @param saveImages write annotated images
 * @param saveTxt    write YOLO txt labels under {@code labels/}
 * @param saveConf   add the confidence to txt labels
 */
public record DetectOptions(int imgSize, NmsOptions nms, boolean saveImages, boolean saveTxt, boolean saveConf)
        implements Serializable {
}
