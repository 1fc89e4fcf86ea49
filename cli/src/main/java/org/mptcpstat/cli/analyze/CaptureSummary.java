package org.mptcpstat.cli.analyze;

import java.nio.file.Path;

/**
 * What analyzing one capture found.
 *
 * @param problem one-line description of what went wrong, or null when the capture was read
 *                to its end.
 * @param tablesWritten whether the capture's tables were written.
 */
record CaptureSummary(Path capture, long packets, long tcpPackets, long bytes, long connections,
    long mptcpConnections, long malformedRecords, String problem, boolean tablesWritten)
{
    CaptureSummary(final Path capture, final long packets, final long tcpPackets, final long bytes,
        final long connections, final long mptcpConnections, final long malformedRecords, final String problem)
    {
        this(capture, packets, tcpPackets, bytes, connections, mptcpConnections, malformedRecords, problem, true);
    }

    static CaptureSummary failed(final Path capture, final String reason)
    {
        return new CaptureSummary(capture, 0, 0, 0, 0, 0, 0, reason, false);
    }

    boolean complete()
    {
        return problem == null;
    }
}
