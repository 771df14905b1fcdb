package sparkyolo.prep;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkyolo.io.HadoopFiles;

/**
 * Lists the files under a directory one directory at a time, so that a directory that cannot be
 * listed costs only its own files: it is reported and the walk goes on.
 */
final class DirectoryWalker {
    private DirectoryWalker() {
    }

    /**
     * The files under {@code dir}, recursively, sorted by qualified path. A {@code dir} that is
     * missing or is a file, and any directory that cannot be listed, becomes an
     * {@link IssueReason#UNREADABLE_DIRECTORY} issue.
     */
    static List<String> files(HadoopFiles files, String dir, List<Issue> issues) {
        List<String> out = new ArrayList<>();
        FileSystem fs;
        try {
            fs = files.fs(dir);
            Path root = new Path(dir);
            if (!fs.exists(root)) {
                issues.add(Issue.of(IssueReason.UNREADABLE_DIRECTORY, dir, "does not exist"));
                return out;
            }
            if (!fs.getFileStatus(root).isDirectory()) {
                issues.add(Issue.of(IssueReason.UNREADABLE_DIRECTORY, dir, "is a file, expected a directory"));
                return out;
            }
        } catch (IOException e) {
            issues.add(Issue.of(IssueReason.UNREADABLE_DIRECTORY, dir, String.valueOf(e.getMessage())));
            return out;
        }
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(new Path(dir));
        while (!pending.isEmpty()) {
            Path d = pending.poll();
            try {
                for (FileStatus s : fs.listStatus(d)) {
                    if (s.isDirectory()) {
                        pending.add(s.getPath());
                    } else {
                        out.add(s.getPath().toString());
                    }
                }
            } catch (IOException e) {
                issues.add(Issue.of(IssueReason.UNREADABLE_DIRECTORY, d.toString(), String.valueOf(e.getMessage())));
            }
        }
        out.sort(null);
        return out;
    }
}
