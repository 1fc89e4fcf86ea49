package org.mptcpstat.cli.summary;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.util.List;

/** Counts one capture's failed joins by reason and its connections with two or more subflows that carried data. */
final class SubflowTotals extends TableValues
{
    static final String TABLE = "mptcp_subflows";
    /** The failure_reason label of subflows that did not fail. */
    static final String NOT_FAILED = "none";

    private final LongHashSet keptIds;
    private final int mptcpId;
    private final int failureReason;
    private final int notFailed;
    private final int[] mappedColumn = new int[2];
    /** mptcp_id to the number of its subflows that carried data so far. */
    private final Long2LongHashMap dataSubflows = new Long2LongHashMap(0);

    final List<String> failureLabels;
    final long[] failureCounts;
    long multipathConnections;

    SubflowTotals(final TableSchema schema, final LongHashSet keptIds) throws IOException
    {
        super(schema);
        this.keptIds = keptIds;
        mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
        failureReason = column(schema, "failure_reason", ColumnType.ENUM);
        failureLabels = labels(schema, failureReason);
        notFailed = failureLabels.indexOf(NOT_FAILED);
        failureCounts = new long[failureLabels.size()];
        for (final Direction direction : Direction.values())
        {
            mappedColumn[direction.ordinal()] = column(schema, direction.column("mapped_bytes"), ColumnType.INT64);
        }
    }

    @Override

    protected void endRow(final long[] values, final double[] doubles)
    {
        final long id = values[mptcpId];
        if (!keptIds.contains(id))
        {
            return;
        }
        final int reason = (int)values[failureReason];
        if (reason >= 0 && reason != notFailed)
        {
            failureCounts[reason]++;
        }
        if (count(values[mappedColumn[0]]) + count(values[mappedColumn[1]]) > 0)
        {
            final long carried = dataSubflows.get(id) + 1;
            dataSubflows.put(id, carried);
            // Counted when its second data subflow shows up, so each connection counts once.
            if (carried == 2)
            {
                multipathConnections++;
            }
        }
    }
}
