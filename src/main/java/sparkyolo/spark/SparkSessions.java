package sparkyolo.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a SparkYOLO command: spark-submit's settings, or local[*] when run directly. */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (!conf.contains("spark.master")) {
            builder.master("local[*]");
        }
        if (!conf.contains("spark.ui.showConsoleProgress")) {
            builder.config("spark.ui.showConsoleProgress", "false");
        }
        return builder.getOrCreate();
    }

    /** Cores each task may use (spark.task.cpus), which sets the PyTorch thread count of a task. */
    public static int taskCpus(SparkConf conf) {
        return conf.getInt("spark.task.cpus", 1);
    }
}
