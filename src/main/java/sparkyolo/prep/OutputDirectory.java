package sparkyolo.prep;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import sparkyolo.io.HadoopFiles;
import sparkyolo.util.InvalidOptionException;

/** Makes the output directory ready before any work: refuses to overwrite unless told, never the source. */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /** The qualified output directory, created empty. */
    static String create(HadoopFiles files, PrepareOptions o) throws IOException {
        String output = files.qualify(o.output());
        for (String input : o.images() == null ? new String[] {o.source()} : new String[] {o.source(), o.images()}) {
            String in = files.qualify(input);
            if (in.equals(output) || in.startsWith(output + "/")) {
                throw new InvalidOptionException(PrepareOptions.OUTPUT, output + " holds the source " + in
                        + "; choose another directory");
            }
        }
        if (files.exists(output)) {
            if (!o.overwrite()) {
                throw new InvalidOptionException(PrepareOptions.OUTPUT, output + " already exists (use "
                        + PrepareOptions.OVERWRITE + " to replace it)");
            }
            files.fs(output).delete(new Path(output), true);
        }
        files.mkdirs(output);
        return output;
    }
}
