package org.mptcpstat.cli.analyze;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code analyze} run: expands the inputs, analyzes the captures on a pool of threads (one
 * capture per thread at a time), reports each problem in one line and prints a summary.
 */
public final class Analysis
{
    private final Path output;
    private final AnalysisSettings settings;
    private final int threads;
    private final boolean showProgress;

    public Analysis(final Path output, final AnalysisSettings settings, final int threads, final boolean showProgress)
    {
        this.output = output;
        this.settings = settings;
        this.threads = threads;
        this.showProgress = showProgress;
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
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, captures.size()));
        final ProgressLine progress = showProgress ?
            new ProgressLine(err, bytesRead, packetsRead, totalSize(captures)) : null;
        try
        {
            final List<Future<CaptureSummary>> futures = new ArrayList<>();
            for (final Map.Entry<Path, String> capture : captures.entrySet())
            {
                futures.add(pool.submit(() -> new CaptureAnalysis(capture.getKey(), output.resolve(capture.getValue()),
                    settings, bytesRead, packetsRead).run()));
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
            pool.shutdownNow();
            if (progress != null)
            {
                progress.close();
            }
        }
        return report(summaries, (System.nanoTime() - start) / 1e9, out, err);
    }

    private boolean report(final List<CaptureSummary> summaries, final double seconds, final PrintWriter out,
        final PrintWriter err)
    {
        long packets = 0;
        long bytes = 0;
        long connections = 0;
        long mptcpConnections = 0;
        long malformed = 0;
        int failed = 0;
        int damaged = 0;
        for (final CaptureSummary summary : summaries)
        {
            if (!summary.tablesWritten())
            {
                failed++;
                err.println("mptcpstat: " + summary.capture() + ": " + summary.problem());
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
        }
        out.printf(Locale.ROOT, "captures: %d analyzed, %d damaged, %d failed; connections: %d TCP, %d MPTCP; " +
            "packets: %d; bytes: %d; malformed records: %d; %.1f s%n", summaries.size() - failed, damaged, failed,
            connections, mptcpConnections, packets, bytes, malformed, seconds);
        out.printf(Locale.ROOT, "tables in %s%n", output);
        out.flush();
        return failed == 0 && damaged == 0;
    }

    private static long totalSize(final Map<Path, String> captures)
    {
        long total = 0;
        for (final Path capture : captures.keySet())
        {
            try
            {
                total += Files.size(capture);
            }
            catch (final IOException ignored)
            {
                // Its analysis will report the problem; progress only loses an estimate.
            }
        }
        return total;
    }
}
