package org.mptcpstat.cli.analyze;

import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.TableOutput;
import org.mptcpstat.cli.compat.CompatFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One {@code analyze} run: expands the inputs, analyzes the captures on a pool of threads (one
 * capture per thread at a time), reports each problem in one line and prints a summary. When there
 * are fewer captures than threads, the spare threads go to the large captures, each analyzed by
 * several workers ({@link Analyzer.Builder#threads}).
 */
public final class Analysis
{
    private final Path output;
    private final Analyzer.Builder analyzer;
    private final Function<Path, TableOutput> tablesOfCapture;
    private final Set<CompatFormat> compatFormats;
    private final int threads;
    private final boolean showProgress;
    private final Set<CaptureAnalysis> running = ConcurrentHashMap.newKeySet();
    private boolean debug;
    private boolean oneAtATime;
    private InputStream standardInput = System.in;
    private String tablesPlace;
    private volatile boolean aborting;

    /**
     * @param analyzer        the settings; the run sets how many threads each capture gets.
     * @param tablesOfCapture where a capture's tables go, given its output folder.
     * @param compatFormats   tools whose files are written next to the tables (--compat).
     * @param threads         threads in all.
     */
    public Analysis(final Path output, final Analyzer.Builder analyzer, final Function<Path, TableOutput> tablesOfCapture,
        final Set<CompatFormat> compatFormats, final int threads, final boolean showProgress)
    {
        this.output = output;
        this.analyzer = analyzer;
        this.tablesOfCapture = tablesOfCapture;
        this.compatFormats = compatFormats;
        this.threads = threads;
        this.showProgress = showProgress;
    }

    /** With --debug, an unexpected exception (a bug) is shown with its stack trace, not only its message. */
    public Analysis debug(final boolean on)
    {
        debug = on;
        return this;
    }

    /** Analyzes one capture after another (their tables share one stream), each with every thread. */
    public Analysis oneAtATime(final boolean on)
    {
        oneAtATime = on;
        return this;
    }

    /** Says where the tables went when not into the output folder ("standard output"). */
    public Analysis tablesPlace(final String place)
    {
        tablesPlace = place;
        return this;
    }

    /** Where the input {@code -} is read from. */
    public Analysis standardInput(final InputStream in)
    {
        standardInput = in;
        return this;
    }

    /**
     * @return true when every capture was analyzed to its end.
     */
    public boolean run(final List<Path> inputs, final List<String> patterns, final PrintWriter out, final PrintWriter err)
        throws InterruptedException
    {
        final long start = System.nanoTime();
        final Map<Path, String> captures;
        try
        {
            captures = InputCaptures.expand(inputs, patterns);
        }
        catch (final IOException ex)
        {
            err.println("mptcpstat: " + ex.getMessage());
            return false;
        }
        if (captures.isEmpty())
        {
            err.println("mptcpstat: no capture found in " + inputs + (patterns.isEmpty() ? "" : " matching " + patterns));
            return false;
        }
        final AtomicLong bytesRead = new AtomicLong();
        final AtomicLong packetsRead = new AtomicLong();
        final List<CaptureSummary> summaries = new ArrayList<>();
        final int concurrent = oneAtATime ? 1 : Math.min(threads, captures.size());
        // The files of --compat tools number connections in the order they start, which the workers
        // of a split capture do not keep: those captures stay on one thread each.
        final Analyzer captureAnalyzer = analyzer.threads(compatFormats.isEmpty() ?
            threadsPerCapture(captures.keySet(), concurrent) : 1).build();
        final ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        final ProgressLine progress = showProgress ?
            new ProgressLine(err, bytesRead, packetsRead, totalSize(captures)) : null;
        // Ctrl-C (or a kill) runs shutdown hooks: unfinished captures then lose their temporary files,
        // so that only complete tables remain.
        final Thread abortOnExit = new Thread(this::abortRunning, "mptcpstat-abort");
        final boolean hooked = addShutdownHook(abortOnExit);
        try
        {
            final List<Future<CaptureSummary>> futures = new ArrayList<>();
            for (final Map.Entry<Path, String> capture : captures.entrySet())
            {
                final Path folder = output.resolve(capture.getValue());
                final CaptureAnalysis analysis = new CaptureAnalysis(capture.getKey(), folder, captureAnalyzer,
                    tablesOfCapture.apply(folder), compatFormats, bytesRead, packetsRead).standardInput(standardInput);
                futures.add(pool.submit(() ->
                {
                    running.add(analysis);
                    if (aborting)
                    {
                        analysis.abort();
                    }
                    try
                    {
                        return analysis.run();
                    }
                    finally
                    {
                        running.remove(analysis);
                    }
                }));
            }
            for (final Future<CaptureSummary> future : futures)
            {
                summaries.add(future.get());
            }
        }
        catch (final ExecutionException ex)
        {
            // CaptureAnalysis reports its own failures; anything else is a bug worth its stack trace.
            throw new IllegalStateException(ex.getCause());
        }
        finally
        {
            if (hooked)
            {
                removeShutdownHook(abortOnExit);
            }
            pool.shutdownNow();
            if (progress != null)
            {
                progress.close();
            }
        }
        return report(summaries, (System.nanoTime() - start) / 1e9, out, err);
    }

    /**
     * Aborts every capture being analyzed (their tables not yet committed are deleted) and every
     * capture that starts afterwards.
     */
    void abortRunning()
    {
        aborting = true;
        for (final CaptureAnalysis analysis : running)
        {
            analysis.abort();
        }
    }

    private static boolean addShutdownHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        }
        catch (final IllegalStateException | SecurityException ex)
        {
            // Already shutting down: nothing to protect any more.
            return false;
        }
    }

    private static void removeShutdownHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // Shutting down: the hook is running or has run.
        }
    }

    private boolean report(final List<CaptureSummary> summaries, final double seconds, final PrintWriter out,
        final PrintWriter err)
    {
        long packets = 0;
        long bytes = 0;
        long connections = 0;
        long mptcpConnections = 0;
        long malformed = 0;
        long evicted = 0;
        int failed = 0;
        int damaged = 0;
        for (final CaptureSummary summary : summaries)
        {
            if (!summary.tablesWritten())
            {
                failed++;
                err.println("mptcpstat: " + summary.capture() + ": " + summary.problem());
                if (debug && summary.error() != null)
                {
                    summary.error().printStackTrace(err);
                }
                continue;
            }
            if (!summary.complete())
            {
                damaged++;
                err.println("mptcpstat: " + summary.capture() + ": " + summary.problem() +
                    " (tables cover the packets before it)");
            }
            packets += summary.packets();
            bytes += summary.bytes();
            connections += summary.connections();
            mptcpConnections += summary.mptcpConnections();
            malformed += summary.malformedRecords();
            evicted += summary.evictions();
        }
        out.printf(Locale.ROOT, "captures: %d analyzed, %d damaged, %d failed; connections: %d TCP, %d MPTCP; " +
            "packets: %d; bytes: %d; malformed records: %d; evicted: %d; %.1f s%n", summaries.size() - failed, damaged,
            failed, connections, mptcpConnections, packets, bytes, malformed, evicted, seconds);
        out.printf(Locale.ROOT, "tables in %s%n", tablesPlace == null ? output : tablesPlace);
        out.flush();
        return failed == 0 && damaged == 0;
    }

    /**
     * @param concurrent captures analyzed at once.
     * @return threads each capture may use: 1, plus a share of the threads no capture takes, shared
     * by the large captures (those the analyzer splits among workers) that can run at once.
     */
    private int threadsPerCapture(final Set<Path> captures, final int concurrent)
    {
        int large = 0;
        for (final Path capture : captures)
        {
            final long size = size(capture);
            large += size < 0 || size >= Analyzer.DEFAULT_PARALLEL_MIN_BYTES ? 1 : 0;
        }
        return 1 + (threads - concurrent) / Math.max(1, Math.min(large, concurrent));
    }

    private static long totalSize(final Map<Path, String> captures)
    {
        long total = 0;
        for (final Path capture : captures.keySet())
        {
            total += Math.max(0, size(capture));
        }
        return total;
    }

    /** @return a capture's size, or -1 when unknown (standard input, or a problem its analysis will report). */
    private static long size(final Path capture)
    {
        try
        {
            return capture == InputCaptures.STANDARD_INPUT ? -1 : Files.size(capture);
        }
        catch (final IOException ignored)
        {
            return -1;
        }
    }
}
