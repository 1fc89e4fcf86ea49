package org.mptcpstat.cli.analyze;

import org.mptcpstat.api.AnalysisResult;

import java.nio.file.Path;

/**
 * What analyzing one capture found.
 *
 * @param problem one-line description of what went wrong, or null when the capture was read
 *                to its end.
 * @param tablesWritten whether the capture's tables were written.
 * @param evictions     connections ended early because --max-open-connections were open.
 * @param error         the unexpected exception behind {@code problem} (a bug), for --debug; else null.
 */
public record CaptureSummary(Path capture, long packets, long tcpPackets, long bytes, long connections,
    long mptcpConnections, long malformedRecords, String problem, boolean tablesWritten, long evictions,
    Throwable error)
{
    CaptureSummary(final Path capture, final AnalysisResult result)
    {
        this(capture, result.packets(), result.tcpPackets(), result.bytes(), result.connections(),
            result.mptcpConnections(), result.malformedRecords(), result.fault(), true, result.evictions(), null);
    }

    static CaptureSummary failed(final Path capture, final String reason, final Throwable error)
    {
        return new CaptureSummary(capture, 0, 0, 0, 0, 0, 0, reason, false, 0, error);
    }

    public boolean complete()
    {
        return problem == null;
    }
}
