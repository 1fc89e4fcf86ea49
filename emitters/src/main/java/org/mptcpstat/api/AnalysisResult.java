package org.mptcpstat.api;

/**
 * What analyzing one capture found.
 *
 * @param packets          records read.
 * @param tcpPackets       of those, TCP packets analyzed.
 * @param bytes            capture bytes read (of the file; of the inflated stream for gzip).
 * @param connections      TCP connections.
 * @param mptcpConnections MPTCP connections.
 * @param malformedRecords records skipped as bad but delimited.
 * @param fault            why reading stopped before the end of the capture (damaged data), or null.
 * @param evictions        connections ended early because the bound on open connections was reached.
 */
public record AnalysisResult(long packets, long tcpPackets, long bytes, long connections, long mptcpConnections,
    long malformedRecords, String fault, long evictions)
{
}
