package sparkyolo.data.augment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxCandidatesTest {
    @Test
    void keepsAnOrdinaryBox() {
        assertTrue(BoxCandidates.keep(50, 40, 45, 38));
    }

    @Test
    void dropsABoxTwoPixelsThinOrLess() {
        assertFalse(BoxCandidates.keep(50, 40, 2, 38));
        assertFalse(BoxCandidates.keep(50, 40, 45, 2));
        assertTrue(BoxCandidates.keep(3, 40, 2.5, 38));
    }

    /** 10% of 50×40 is 200 px². */
    @Test
    void dropsABoxLeftWithTenPercentOfItsAreaOrLess() {
        assertFalse(BoxCandidates.keep(50, 40, 10, 20));
        assertTrue(BoxCandidates.keep(50, 40, 10, 20.5));
    }

    @Test
    void dropsAnAspectRatioOfAHundredOrMore() {
        assertFalse(BoxCandidates.keep(400, 3, 400, 3.99));
        assertTrue(BoxCandidates.keep(400, 5, 400, 4.5));
    }
}
