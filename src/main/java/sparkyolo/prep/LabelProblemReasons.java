package sparkyolo.prep;

import sparkyolo.data.LabelProblem;

/**
 * Sorts the problems {@link sparkyolo.data.YoloLabels} reports into issue reasons. YoloLabels words
 * its problems for people, so they are told apart by their wording (pinned by the tests); a line
 * whose width or height is zero or negative counts as {@link IssueReason#NON_POSITIVE_SIZE} even
 * though YoloLabels, checking the range first, words it as a coordinate outside [0, 1].
 */
final class LabelProblemReasons {
    private LabelProblemReasons() {
    }

    /**
     * @param lines the label file's lines, to look at the rejected line itself
     */
    static Issue issue(LabelProblem p, String[] lines) {
        String why = p.reason();
        IssueReason reason;
        if (why.startsWith("duplicate")) {
            reason = IssueReason.DUPLICATE_LABEL;
        } else if (why.startsWith("class id") && why.contains("outside")) {
            reason = IssueReason.CLASS_OUT_OF_RANGE;
        } else if (why.startsWith("non-positive") || (why.startsWith("coordinate") && hasNonPositiveSize(lines, p.line()))) {
            reason = IssueReason.NON_POSITIVE_SIZE;
        } else if (why.startsWith("coordinate")) {
            reason = IssueReason.COORDINATE_OUT_OF_RANGE;
        } else {
            reason = IssueReason.MALFORMED_LABEL;
        }
        return new Issue(reason, p.fileName(), p.line(), why);
    }

    private static boolean hasNonPositiveSize(String[] lines, int line) {
        if (line < 1 || line > lines.length) {
            return false;
        }
        String[] tokens = lines[line - 1].strip().split("\\s+");
        try {
            return tokens.length == 5 && (Double.parseDouble(tokens[3]) <= 0 || Double.parseDouble(tokens[4]) <= 0);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
