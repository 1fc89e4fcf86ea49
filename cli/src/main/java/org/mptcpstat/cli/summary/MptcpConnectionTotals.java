package org.mptcpstat.cli.summary;

import org.agrona.collections.LongHashSet;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.util.List;

/**
 * Adds up one capture's mptcp_connections, and remembers which connections passed
 * {@code --min-bytes} and the filter so that the subflow and event tables count only theirs.
 */
final class MptcpConnectionTotals extends TableValues
{
    static final String TABLE = "mptcp_connections";
    /** Buckets of the subflows-per-connection distribution: 1, 2, 3, 4 or more. */
    static final int SUBFLOW_BUCKETS = 4;

    private final long minBytes;
    private final SummaryFilter filter;
    /** Connections with a subflow to a --server prefix; null when every server counts. */
    private final LongHashSet serverIds;
    private final int mptcpId;
    private final int firstTime;
    private final int subflows;
    private final int fallbackReason;
    private final int[] dataColumn = new int[2];
    private final int[] uniqueColumn = new int[2];
    private final int[] reinjectedColumn = new int[2];
    private final int[][] interfaceColumn = new int[InterfaceClass.values().length][2];

    final LongHashSet keptIds = new LongHashSet();
    long connections;
    final List<String> fallbackLabels;
    final long[] fallbackCounts;
    final long[] dataBytes = new long[2];
    final long[] uniqueDataBytes = new long[2];
    final long[] reinjectedBytes = new long[2];
    final long[][] interfaceBytes = new long[InterfaceClass.values().length][2];
    final long[] subflowBuckets = new long[SUBFLOW_BUCKETS];

    MptcpConnectionTotals(final TableSchema schema, final long minBytes, final SummaryFilter filter,
        final LongHashSet serverIds) throws IOException
    {
        super(schema);
        this.minBytes = minBytes;
        this.filter = filter;
        this.serverIds = serverIds;
        mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
        firstTime = column(schema, "first_time", ColumnType.TIME);
        subflows = column(schema, "subflows", ColumnType.INT64);
        fallbackReason = column(schema, "fallback_reason", ColumnType.ENUM);
        fallbackLabels = labels(schema, fallbackReason);
        fallbackCounts = new long[fallbackLabels.size()];
        for (final Direction direction : Direction.values())
        {
            final int d = direction.ordinal();
            dataColumn[d] = column(schema, direction.column("data_bytes"), ColumnType.INT64);
            uniqueColumn[d] = column(schema, direction.column("unique_data_bytes"), ColumnType.INT64);
            reinjectedColumn[d] = column(schema, direction.column("reinjected_bytes"), ColumnType.INT64);
            for (final InterfaceClass type : InterfaceClass.values())
            {
                interfaceColumn[type.ordinal()][d] = column(schema, type.column(direction), ColumnType.INT64);
            }
        }
    }

    @Override
    protected void endRow(final long[] values, final double[] doubles)
    {
        if (count(values[dataColumn[0]]) + count(values[dataColumn[1]]) < minBytes ||
            !filter.keepsTime(values[firstTime]) || serverIds != null && !serverIds.contains(values[mptcpId]))
        {
            return;
        }
        connections++;
        keptIds.add(values[mptcpId]);
        for (int d = 0; d < 2; d++)
        {
            dataBytes[d] += count(values[dataColumn[d]]);
            uniqueDataBytes[d] += count(values[uniqueColumn[d]]);
            reinjectedBytes[d] += count(values[reinjectedColumn[d]]);
            for (int type = 0; type < interfaceBytes.length; type++)
            {
                interfaceBytes[type][d] += count(values[interfaceColumn[type][d]]);
            }
        }
        // Every connection has its initial subflow, so a count below 1 (not measured) joins the first bucket.
        final long subflowCount = Math.max(1, values[subflows]);
        subflowBuckets[(int)Math.min(subflowCount, SUBFLOW_BUCKETS) - 1]++;
        final int reason = (int)values[fallbackReason];
        if (reason >= 0)
        {
            fallbackCounts[reason]++;
        }
    }
}
