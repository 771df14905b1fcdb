package sparkyolo.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkyolo.data.YoloLabels;

/** Pins the reasons given to YoloLabels' problems, which are told apart by their wording. */
class LabelProblemReasonsTest {
    @Test
    void eachKindOfBadLineGetsItsReason() {
        String text = String.join("\n",
                "0 0.5 0.5 0.1 0.1",
                "3 0.5 0.5 0.1 0.1",     // class >= nc
                "0 1.5 0.5 0.1 0.1",     // coordinate > 1
                "0 0.5 0.5 -0.1 0.1",    // negative width
                "0 0.5 0.5 0.1 0",       // zero height
                "0 0.5 0.5",             // columns
                "x 0.5 0.5 0.1 0.1",     // not a number
                "0.5 0.5 0.5 0.1 0.1",   // non-integer class
                "0 0.5 0.5 0.1 0.1");    // duplicate of line 1
        String[] lines = text.split("\\R");
        List<IssueReason> reasons = YoloLabels.parse(text, "l.txt", 3).problems().stream()
                .map(p -> LabelProblemReasons.issue(p, lines).reason()).toList();
        assertEquals(List.of(IssueReason.CLASS_OUT_OF_RANGE, IssueReason.COORDINATE_OUT_OF_RANGE,
                IssueReason.NON_POSITIVE_SIZE, IssueReason.NON_POSITIVE_SIZE, IssueReason.MALFORMED_LABEL,
                IssueReason.MALFORMED_LABEL, IssueReason.MALFORMED_LABEL, IssueReason.DUPLICATE_LABEL), reasons);
    }
}
