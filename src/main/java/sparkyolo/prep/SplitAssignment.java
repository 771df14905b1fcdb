package sparkyolo.prep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The output split of each kept image: the source's splits, or a seeded shuffle cut by the
 * ratios (val and test get {@code floor(n * ratio)} images, train the rest).
 *
 * @param bySplit train, val, test (those with images), each in path order
 * @param issues  {@link IssueReason#IN_SEVERAL_SPLITS} for images the source lists in several splits
 */
record SplitAssignment(Map<String, List<PreparedImage>> bySplit, List<Issue> issues) {
    static final List<String> ORDER = List.of("train", "val", "test");

    /** @param kept the unique images in path order */
    static SplitAssignment of(List<PreparedImage> kept, List<SourceItem> items, SplitRatios ratios, long seed) {
        Map<String, List<PreparedImage>> bySplit = new LinkedHashMap<>();
        ORDER.forEach(s -> bySplit.put(s, new ArrayList<>()));
        List<Issue> issues = new ArrayList<>();
        if (ratios == null) {
            for (PreparedImage image : kept) {
                List<String> splits = items.get(image.index()).splits();
                if (splits.size() > 1) {
                    issues.add(Issue.of(IssueReason.IN_SEVERAL_SPLITS, image.path(), "listed in " + splits));
                }
                splits.forEach(s -> bySplit.get(s).add(image));
            }
        } else {
            List<PreparedImage> shuffled = new ArrayList<>(kept);
            Collections.shuffle(shuffled, new Random(seed));
            int n = shuffled.size();
            int val = (int) Math.floor(n * ratios.val());
            int test = (int) Math.floor(n * ratios.test());
            int train = n - val - test;
            bySplit.get("train").addAll(shuffled.subList(0, train));
            bySplit.get("val").addAll(shuffled.subList(train, train + val));
            bySplit.get("test").addAll(shuffled.subList(train + val, n));
            bySplit.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.index(), b.index())));
        }
        bySplit.values().removeIf(List::isEmpty);
        return new SplitAssignment(bySplit, List.copyOf(issues));
    }
}
