package sparkyolo.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkyolo.hyp.Hyp;

/** The gain rescaling of train.py on hyp.scratch-low (box 0.05, obj 1.0, cls 0.5). */
class LossGainsTest {
    static final Hyp LOW = Hyp.defaults();

    @Test
    void rawGainsAreTheFileValues() {
        LossGains g = LossGains.of(LOW);
        assertEquals(new LossGains(0.05, 1.0, 0.5, 1.0, 1.0, 4.0, 0.0, 0.0), g);
    }

    @Test
    void threeLevelsEightyClassesAt320ScaleOnlyObjectnessByTheAreaRatio() {
        // obj *= (320/640)² * 3/3 = 0.25, as loss.json's train_scaled variant.
        LossGains g = LossGains.scaled(LOW, 3, 80, 320);
        assertEquals(0.05, g.box());
        assertEquals(0.25, g.obj());
        assertEquals(0.5, g.cls());
    }

    @Test
    void classGainFollowsClassCountAndAllFollowTheLevelCount() {
        // nl 4, nc 20, 640: box *= 3/4, cls *= 20/80 * 3/4, obj *= 1 * 3/4.
        LossGains g = LossGains.scaled(LOW, 4, 20, 640);
        assertEquals(0.05 * 0.75, g.box(), 1e-15);
        assertEquals(0.5 * 0.1875, g.cls(), 1e-15);
        assertEquals(0.75, g.obj(), 1e-15);
        assertEquals(4.0, g.anchorT());
    }

    @Test
    void labelSmoothingIsSetSeparatelyAndChecked() {
        assertEquals(0.1, LossGains.scaled(LOW, 3, 80, 640).withLabelSmoothing(0.1).labelSmoothing());
        assertThrows(IllegalArgumentException.class, () -> LossGains.of(LOW).withLabelSmoothing(1.0));
    }
}
