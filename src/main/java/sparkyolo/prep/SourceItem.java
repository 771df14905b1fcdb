package sparkyolo.prep;

import java.io.Serializable;
import java.util.List;

/**
 * One image of the source as listed on the driver.
 *
 * @param index  position in path order; duplicates keep the lowest
 * @param id     the image id written to the output (COCO id, VOC id, or the path relative to the
 *               dataset root without extension)
 * @param splits the source splits listing the image (used unless the dataset is re-split)
 */
public record SourceItem(int index, String id, String path, List<String> splits, SourceLabels labels)
        implements Serializable {
    public SourceItem {
        splits = List.copyOf(splits);
    }
}
