package sparkyolo.ml;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The Params of detection that {@link YoloEstimator} and {@link YoloModel} share, created for one
 * stage (a Param belongs to its stage's uid), with detect's defaults.
 */
public final class DetectionParamSet implements Serializable {
    private static final long serialVersionUID = 1L;
    final Param<String> inputCol;
    final Param<String> outputCol;
    final IntParam imgSize;
    final DoubleParam confThres;
    final DoubleParam iouThres;
    final IntParam maxDet;

    DetectionParamSet(Params stage) {
        inputCol = new Param<>(stage, "inputCol",
                "image column: encoded image bytes (binary) or an image path on any Hadoop file system (string)",
                NonEmptyString.INSTANCE);
        outputCol = new Param<>(stage, "outputCol",
                "detections column: array<struct<cls, conf, x1, y1, x2, y2>> in the image's pixels",
                NonEmptyString.INSTANCE);
        imgSize = new IntParam(stage, "imgSize",
                "inference size in pixels (long side), rounded up to a multiple of the model stride",
                ParamValidators.inRange(1, 8192));
        confThres = new DoubleParam(stage, "confThres", "confidence threshold of detections",
                ParamValidators.inRange(0, 1));
        iouThres = new DoubleParam(stage, "iouThres", "NMS IoU threshold", ParamValidators.inRange(0, 1));
        maxDet = new IntParam(stage, "maxDet", "maximum detections per image", ParamValidators.gtEq(1));
        stage.setDefault(inputCol, "image");
        stage.setDefault(outputCol, "detections");
        stage.setDefault(imgSize, 640);
        stage.setDefault(confThres, 0.25);
        stage.setDefault(iouThres, 0.45);
        stage.setDefault(maxDet, 300);
    }
}
