package sparkyolo.cli;

import java.io.IOException;
import picocli.CommandLine.Option;
import sparkyolo.io.HadoopFiles;
import sparkyolo.io.RunDirectory;

/** {@code --project --name --exist-ok}: where a run writes (PROJECT/NAME, NAME2, ... as the original). */
final class RunOptions {
    @Option(names = "--project", paramLabel = "DIR",
            description = "Parent directory of runs, any Hadoop FS path (default: runs/${COMMAND-NAME}).")
    String project;

    @Option(names = "--name", defaultValue = "exp", paramLabel = "NAME", description = "Run name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--exist-ok", description = "Reuse PROJECT/NAME instead of creating NAME2, NAME3, ...")
    boolean existOk;

    /** --project, or {@code defaultProject} when it was not given. */
    String projectOr(String defaultProject) {
        return project != null ? project : defaultProject;
    }

    String create(HadoopFiles files, String defaultProject) throws IOException {
        return RunDirectory.create(files, projectOr(defaultProject), name, existOk);
    }
}
