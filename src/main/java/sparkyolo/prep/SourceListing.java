package sparkyolo.prep;

import java.util.List;

/**
 * A source as the driver lists it: the images in path order, the class names, and what was found
 * wrong while listing (unreadable directories, label files without images, bad annotations).
 */
public record SourceListing(List<SourceItem> items, List<String> names, List<Issue> issues) {
    public SourceListing {
        items = List.copyOf(items);
        names = List.copyOf(names);
        issues = List.copyOf(issues);
    }
}
