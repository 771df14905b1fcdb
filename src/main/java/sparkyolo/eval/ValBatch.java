package sparkyolo.eval;

import java.io.Serializable;
import java.util.List;
import sparkyolo.data.ImageRecord;

/** One rectangular validation batch: its letterbox shape and its images in order. */
public record ValBatch(int index, int height, int width, List<ImageRecord> images) implements Serializable {
}
