package org.mptcpstat.cli.analyze;

import org.mptcpstat.api.AnalysisResult;
import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.TableOutput;
import org.mptcpstat.cli.compat.CompatFormat;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyzes one capture of an {@code analyze} run into its own output folder, adding its
 * progress to the run's counters. Its tables appear all together, or not at all when the
 * capture could not be read or the run was interrupted.
 */
public final class CaptureAnalysis
{
    private final Path capture;
    private final Analyzer analyzer;
    private final Path outputFolder;
    private final Set<CompatFormat> compatFormats;
    private final CaptureOutputs outputs;
    private final AtomicLong bytesRead;
    private final AtomicLong packetsRead;
    private InputStream standardInput = System.in;
    private long bytesReported;
    private long packetsReported;

    /**
     * @param capture a file, or {@link InputCaptures#STANDARD_INPUT}.
     * @param tables  where its tables go (its own folder, or the run's --stdout stream).
     */
    public CaptureAnalysis(final Path capture, final Path outputFolder, final Analyzer analyzer,
        final TableOutput tables, final Set<CompatFormat> compatFormats, final AtomicLong bytesRead,
        final AtomicLong packetsRead)
    {
        this.capture = capture;
        this.analyzer = analyzer;
        this.outputFolder = outputFolder;
        this.compatFormats = compatFormats;
        this.outputs = new CaptureOutputs(tables);
        this.bytesRead = bytesRead;
        this.packetsRead = packetsRead;
    }

    /** Where {@link InputCaptures#STANDARD_INPUT} is read from (tests give their own). */
    CaptureAnalysis standardInput(final InputStream in)
    {
        standardInput = in;
        return this;
    }

    /**
     * @return what was found. Its {@code problem} is set when the capture could not be opened or
     * analyzed (then no table is written), or when reading ended early at damaged data (then the
     * tables cover the packets before it). Call once per instance.
     */
    public CaptureSummary run()
    {
        try (CaptureReader reader = capture == InputCaptures.STANDARD_INPUT ?
            CaptureReaders.open(standardInput) : CaptureReaders.open(capture))
        {
            outputs.openCompat(capture, outputFolder, compatFormats);
            final AnalysisResult result = analyzer.analyze(reader, outputs, outputs.tcpListener(),
                outputs.mptcpListener(), this::progress);
            return new CaptureSummary(capture, result);
        }
        catch (final IOException ex)
        {
            outputs.abort();
            return CaptureSummary.failed(capture, describe(ex), null);
        }
        catch (final RuntimeException ex)
        {
            // A bug, not bad input: one line for users, the stack trace with --debug.
            outputs.abort();
            return CaptureSummary.failed(capture, describe(ex), ex);
        }
    }

    private boolean progress(final long packets, final long bytes)
    {
        bytesRead.addAndGet(bytes - bytesReported);
        packetsRead.addAndGet(packets - packetsReported);
        bytesReported = bytes;
        packetsReported = packets;
        return !outputs.aborted();
    }

    /**
     * Deletes the temporary files of every table not yet committed, and makes the analysis stop;
     * called on Ctrl-C (from a shutdown hook) while the capture is being analyzed. Tables already
     * committed stay: all of a capture's tables are committed together.
     */
    public void abort()
    {
        outputs.abort();
    }

    /** @return the first line of an exception's message (its class when it has none): users get one line. */
    static String describe(final Throwable ex)
    {
        final String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return message.lines().findFirst().orElse(ex.getClass().getSimpleName());
    }
}
