package sparkyolo.data;

/** A label line that was skipped or removed, with its 1-based line number in the file. */
public record LabelProblem(String fileName, int line, String reason) {
    @Override
    public String toString() {
        return fileName + ":" + line + ": " + reason;
    }
}
