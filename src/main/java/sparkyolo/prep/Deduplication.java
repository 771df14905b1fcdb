package sparkyolo.prep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact duplicate images: of the accepted images with the same content hash, the first in path
 * order is kept and the others are rejected.
 *
 * @param kept   the accepted, unique images in path order
 * @param issues one {@link IssueReason#DUPLICATE_IMAGE} per dropped image
 */
record Deduplication(List<PreparedImage> kept, List<Issue> issues) {
    /** @param outcomes every image's outcome, in path (index) order */
    static Deduplication of(List<PreparedImage> outcomes) {
        Map<String, PreparedImage> firstByHash = new HashMap<>();
        List<PreparedImage> kept = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        for (PreparedImage image : outcomes) {
            if (!image.accepted()) {
                continue;
            }
            PreparedImage first = firstByHash.putIfAbsent(image.sha256(), image);
            if (first == null) {
                kept.add(image);
            } else {
                issues.add(Issue.of(IssueReason.DUPLICATE_IMAGE, image.path(), "same sha256 " + image.sha256()
                        + " as " + first.path() + ", which is kept"));
            }
        }
        return new Deduplication(List.copyOf(kept), List.copyOf(issues));
    }
}
