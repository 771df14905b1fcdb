package sparkyolo.ml;

import java.io.IOException;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.opencv.core.Mat;
import sparkyolo.detect.NmsOptions;
import sparkyolo.detect.Predictor;
import sparkyolo.engine.InferenceEngine;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.OpenCv;
import sparkyolo.io.HadoopConf;
import sparkyolo.spark.ModelPool;

/**
 * Detection of one image cell (bytes or path) on an executor, with the executor's pooled model
 * for the broadcast checkpoint and detect's inference path. An image that cannot be read or
 * decoded gets null detections and a warning, as detect skips it.
 */
final class DetectImageUdf implements UDF1<Object, List<Row>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(DetectImageUdf.class);
    private final Broadcast<byte[]> weights;
    private final int imgSize;
    private final InferenceEngine engine;
    private final NmsOptions nms;
    private final HadoopConf conf;
    private final int threads;

    /** @param imgSize a multiple of the model's stride */
    DetectImageUdf(Broadcast<byte[]> weights, int imgSize, InferenceEngine engine, NmsOptions nms, HadoopConf conf,
            int threads) {
        this.weights = weights;
        this.imgSize = imgSize;
        this.engine = engine;
        this.nms = nms;
        this.conf = conf;
        this.threads = threads;
    }

    @Override
    public List<Row> call(Object cell) {
        if (cell == null) {
            return null;
        }
        OpenCv.ensureLoaded();
        Mat image;
        try {
            image = ImageDecoder.decode(ImageColumn.bytes(cell, conf.files()), ImageColumn.describe(cell));
        } catch (BadImageException | IOException e) {
            LOG.warn("skipped {}: {}", ImageColumn.describe(cell), e.getMessage());
            return null;
        }
        sparkyolo.model.InferenceNetwork model = ModelPool.borrow(weights, engine, threads);
        try {
            return DetectionsColumn.rows(new Predictor(model).detect(image, imgSize, nms));
        } finally {
            ModelPool.giveBack(weights, model);
            image.release();
        }
    }
}
