package sparkyolo.cli;

import picocli.CommandLine;
import sparkyolo.util.Version;

/** Prints SparkYOLO's version for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"SparkYOLO " + Version.get()};
    }
}
