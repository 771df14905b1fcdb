package sparkyolo.prep;

import java.io.Serializable;

/**
 * One rejected, fixed or noted item of a {@code prepare} run.
 *
 * @param path   the file concerned (image, label file, annotation file or directory)
 * @param line   1-based line in a label file, or 0
 * @param detail what exactly was found
 */
public record Issue(IssueReason reason, String path, int line, String detail) implements Serializable {
    public static Issue of(IssueReason reason, String path, String detail) {
        return new Issue(reason, path, 0, detail);
    }

    @Override
    public String toString() {
        return reason + " " + path + (line > 0 ? ":" + line : "") + ": " + detail;
    }
}
