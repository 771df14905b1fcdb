package sparkyolo.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import sparkyolo.engine.Engines;

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
        SparkSession spark = builder.getOrCreate();
        // In local mode the driver JVM runs the tasks: size libtorch's pool for one task's cores.
        Engines.pytorch(taskCpus(spark.sparkContext().getConf()));
        return spark;
    }

    /** Cores each task may use (spark.task.cpus), which sets the PyTorch thread count of a task. */
    public static int taskCpus(SparkConf conf) {
        return conf.getInt("spark.task.cpus", 1);
    }
}
