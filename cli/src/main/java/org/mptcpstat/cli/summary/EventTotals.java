package org.mptcpstat.cli.summary;

import org.agrona.collections.LongHashSet;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.util.List;

/** Counts one capture's MPTCP events (ADD_ADDR, REMOVE_ADDR, MP_PRIO...) by type. */
final class EventTotals extends TableValues
{
    static final String TABLE = "mptcp_events";

    private final LongHashSet keptIds;
    private final int mptcpId;
    private final int type;

    final List<String> typeLabels;
    final long[] typeCounts;

    EventTotals(final TableSchema schema, final LongHashSet keptIds) throws IOException
    {
        super(schema);
        this.keptIds = keptIds;
        mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
        type = column(schema, "type", ColumnType.ENUM);
        typeLabels = labels(schema, type);
        typeCounts = new long[typeLabels.size()];
    }

    @Override

    protected void endRow(final long[] values, final double[] doubles)
    {
        final int label = (int)values[type];
        if (label >= 0 && keptIds.contains(values[mptcpId]))
        {
            typeCounts[label]++;
        }
    }
}
