package sparkyolo.data.augment;

import java.io.Serializable;
import sparkyolo.hyp.Hyp;

/**
 * The augmentation part of the hyperparameters, named as in the hyp YAML: HSV gains, the
 * random_perspective ranges (degrees, translate fraction, scale gain, shear degrees, perspective)
 * and the probabilities of flips, mosaic and mixup.
 */
public record AugmentParams(double hsvH, double hsvS, double hsvV, double degrees, double translate, double scale,
        double shear, double perspective, double flipud, double fliplr, double mosaic, double mixup)
        implements Serializable {

    public static AugmentParams of(Hyp hyp) {
        return new AugmentParams(hyp.get("hsv_h"), hyp.get("hsv_s"), hyp.get("hsv_v"), hyp.get("degrees"),
                hyp.get("translate"), hyp.get("scale"), hyp.get("shear"), hyp.get("perspective"), hyp.get("flipud"),
                hyp.get("fliplr"), hyp.get("mosaic"), hyp.get("mixup"));
    }

    /** Every augmentation off. */
    public static AugmentParams none() {
        return new AugmentParams(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
