package sparkyolo.prep;

import java.util.List;
import java.util.Map;

/**
 * What a {@code prepare} run did; also written as {@code report.json} and {@code report.txt}.
 *
 * @param sourceImages     distinct image files the source lists
 * @param writtenImages    distinct images written (an image in several splits counts once)
 * @param imagesPerSplit   rows written per split
 * @param filesPerSplit    Parquet files written per split
 * @param boxes            boxes of the written images
 * @param backgroundImages written images without boxes
 * @param resizedImages    written images shrunk to {@code --max-side}
 * @param reencodedImages  written images re-encoded (shrunk or EXIF-rotated)
 * @param issueCounts      issues per reason, every reason with at least one
 * @param issues           every rejected, fixed, noted or skipped item, by path
 * @param anchors          AutoAnchor on the train split
 * @param seconds          wall time of the whole run
 */
public record PrepareSummary(SourceFormat format, String source, String output, String datasetYaml, String reportJson,
        String reportText, String statsJson, List<String> names, int sourceImages, int writtenImages,
        Map<String, Integer> imagesPerSplit, Map<String, Integer> filesPerSplit, long boxes, int backgroundImages,
        int resizedImages, int reencodedImages, Map<IssueReason, Integer> issueCounts, List<Issue> issues,
        DatasetStats stats, AnchorSuggestion anchors, double seconds) {
    public int rejectedImages() {
        return sourceImages - writtenImages;
    }

    /** Source images handled per second over the whole run. */
    public double imagesPerSecond() {
        return sourceImages / seconds;
    }

    public List<Issue> issues(IssueReason reason) {
        return issues.stream().filter(i -> i.reason() == reason).toList();
    }
}
