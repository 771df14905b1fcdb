package sparkyolo.dist;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;

/**
 * Drops the log records of an expected event: a direct fetch of an all-reduce block that the peer
 * has not put yet. Spark logs each such miss as three ERRORs with stack traces (the serving
 * TransportRequestHandler, the fetching OneForOneBlockFetcher and RetryingBlockTransferor), all
 * caused by {@code BlockNotFoundException: Block test_sy-... not found}. Records about any other
 * block, without that cause, or reporting a {@link PeerTimeoutException}, pass unchanged.
 */
final class FetchMissLogFilter extends AbstractFilter {
    private static final String MISS = "Block test_" + BlockNames.PREFIX;
    private static final FetchMissLogFilter INSTANCE = new FetchMissLogFilter();
    private static Configuration installedIn;

    private FetchMissLogFilter() {
        super(Filter.Result.DENY, Filter.Result.NEUTRAL);
    }

    /** Adds the filter to this JVM's Log4j configuration (once per configuration; no-op without Log4j core). */
    static synchronized void install() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        Configuration config = context.getConfiguration();
        if (config != installedIn) {
            config.addFilter(INSTANCE);
            context.updateLoggers();
            installedIn = config;
        }
    }

    static boolean isMiss(Level level, Throwable thrown) {
        if (thrown == null || !level.isMoreSpecificThan(Level.WARN)) {
            return false;
        }
        boolean miss = false;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof PeerTimeoutException) {
                return false; // a real failure, whose cause is the last miss
            }
            String m = t.getMessage();
            miss |= m != null && m.contains(MISS) && m.contains("not found");
        }
        return miss;
    }

    private Filter.Result decide(Level level, Throwable thrown) {
        return isMiss(level, thrown) ? onMatch : onMismatch;
    }

    @Override
    public Filter.Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
        Object last = params == null || params.length == 0 ? null : params[params.length - 1];
        return decide(level, last instanceof Throwable t ? t : null);
    }

    @Override
    public Filter.Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
        return decide(level, t);
    }

    @Override
    public Filter.Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
        return decide(level, t != null ? t : msg == null ? null : msg.getThrowable());
    }
}
