package org.mptcpstat.cli.report;

import java.nio.file.Path;

/**
 * An MPTCP connection whose {@code mptcp_series} rows were written ({@code analyze --series}).
 *
 * @param captureFolder the folder of its capture's tables.
 * @param mptcpId       its mptcp_id there.
 * @param dataBytes     c2s_data_bytes + s2c_data_bytes: what ranks it among the others.
 */
public record SeriesConnection(Path captureFolder, long mptcpId, long dataBytes)
{
}
