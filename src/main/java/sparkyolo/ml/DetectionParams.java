package sparkyolo.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import sparkyolo.detect.NmsOptions;

/**
 * Accessors of the detection Params for both stages (Spark ML finds a stage's Params through its
 * public no-argument methods that return a Param, default methods included).
 *
 * @param <S> the stage, returned by the setters for chaining
 */
public interface DetectionParams<S extends DetectionParams<S>> extends Params {
    /** The stage's Param objects. */
    DetectionParamSet detectionParams();

    default Param<String> inputCol() {
        return detectionParams().inputCol;
    }

    default Param<String> outputCol() {
        return detectionParams().outputCol;
    }

    default IntParam imgSize() {
        return detectionParams().imgSize;
    }

    default DoubleParam confThres() {
        return detectionParams().confThres;
    }

    default DoubleParam iouThres() {
        return detectionParams().iouThres;
    }

    default IntParam maxDet() {
        return detectionParams().maxDet;
    }

    default String getInputCol() {
        return getOrDefault(inputCol());
    }

    default String getOutputCol() {
        return getOrDefault(outputCol());
    }

    default int getImgSize() {
        return (Integer) getOrDefault(imgSize());
    }

    default double getConfThres() {
        return (Double) getOrDefault(confThres());
    }

    default double getIouThres() {
        return (Double) getOrDefault(iouThres());
    }

    default int getMaxDet() {
        return (Integer) getOrDefault(maxDet());
    }

    @SuppressWarnings("unchecked")
    default S setInputCol(String value) {
        return (S) set(inputCol(), value);
    }

    @SuppressWarnings("unchecked")
    default S setOutputCol(String value) {
        return (S) set(outputCol(), value);
    }

    @SuppressWarnings("unchecked")
    default S setImgSize(int value) {
        return (S) set(imgSize(), value);
    }

    @SuppressWarnings("unchecked")
    default S setConfThres(double value) {
        return (S) set(confThres(), value);
    }

    @SuppressWarnings("unchecked")
    default S setIouThres(double value) {
        return (S) set(iouThres(), value);
    }

    @SuppressWarnings("unchecked")
    default S setMaxDet(int value) {
        return (S) set(maxDet(), value);
    }

    /** detect's NMS with these Params (all classes, per-class NMS, best class per box). */
    default NmsOptions nmsOptions() {
        return NmsOptions.defaults().withConfThres(getConfThres()).withIouThres(getIouThres()).withMaxDet(getMaxDet());
    }
}
