package sparkyolo.testing;

import org.apache.spark.sql.SparkSession;

/** The Spark session shared by the tests of one JVM: local[2], no UI. */
public final class TestSpark {
    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("sparkyolo-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
