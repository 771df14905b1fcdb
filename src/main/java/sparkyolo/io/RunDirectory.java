package sparkyolo.io;

import java.io.IOException;

/**
 * Run directories named as the original's increment_path: {@code project/name}, then
 * {@code name2}, {@code name3}, ... unless {@code existOk}.
 */
public final class RunDirectory {
    private RunDirectory() {
    }

    public static String create(HadoopFiles files, String project, String name, boolean existOk) throws IOException {
        String base = HadoopFiles.resolve(project, name);
        String dir = base;
        if (!existOk && files.exists(base)) {
            for (int n = 2; ; n++) {
                dir = base + n;
                if (!files.exists(dir)) {
                    break;
                }
            }
        }
        files.mkdirs(dir);
        return files.qualify(dir);
    }
}
