package sparkyolo.data.augment;

import java.util.List;
import sparkyolo.hyp.Hyp;

/** Augmentation settings for tests: everything off except the values given, through the hyp YAML keys. */
final class TestParams {
    private static final List<String> KEYS = List.of("hsv_h", "hsv_s", "hsv_v", "degrees", "translate", "scale",
            "shear", "perspective", "flipud", "fliplr", "mosaic", "mixup");

    private TestParams() {
    }

    /** @param keyValues alternating hyp key and value, e.g. {@code "degrees", 10.0} */
    static AugmentParams only(Object... keyValues) {
        Hyp hyp = Hyp.defaults();
        for (String key : KEYS) {
            hyp = hyp.with(key, 0);
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            hyp = hyp.with((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        return AugmentParams.of(hyp);
    }
}
