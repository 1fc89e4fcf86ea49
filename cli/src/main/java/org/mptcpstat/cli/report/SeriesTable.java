package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code mptcp_series.bin} twice where needed: for every capture folder, which connections
 * have data rows (all a report needs to rank them); then, for the few plotted, their points. A
 * campaign's series can be far larger than memory, so no other rows are kept.
 */
final class SeriesTable
{
    private static final String TABLE = "mptcp_series";

    private SeriesTable()
    {
    }

    /** @return the mptcp_id of each connection with data rows; none where analyze ran without --series. */
    static LongHashSet connectionsWithData(final Path captureFolder) throws IOException
    {
        if (!Files.isRegularFile(captureFolder.resolve(TABLE + ".bin")))
        {
            return new LongHashSet();
        }
        return TableValues.replay(captureFolder, TABLE, ConnectionIds::new).ids;
    }

    /** @return by mptcp_id, the two directions (c2s, s2c) of each of {@code ids}. */
    static LongObjectHashMap<TimeSequence[]> timeSequences(final Path captureFolder, final LongHashSet ids)
        throws IOException
    {
        return TableValues.replay(captureFolder, TABLE, schema -> new Points(schema, ids)).byConnection;
    }

    /** The columns both readers need, and which kind of row (data, DATA_ACK) each is. */
    private abstract static class SeriesValues extends TableValues
    {
        final int mptcpId;
        private final int kind;
        private final int data;
        private final int dataAck;

        SeriesValues(final TableSchema schema) throws IOException
        {
            super(schema);
            mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
            kind = column(schema, "kind", ColumnType.ENUM);
            data = labels(schema, kind).indexOf("data");
            dataAck = labels(schema, kind).indexOf("data_ack");
        }

        final boolean isData(final long[] longs)
        {
            return data >= 0 && longs[kind] == data;
        }

        final boolean isDataAck(final long[] longs)
        {
            return dataAck >= 0 && longs[kind] == dataAck;
        }
    }

    private static final class ConnectionIds extends SeriesValues
    {
        final LongHashSet ids = new LongHashSet();

        ConnectionIds(final TableSchema schema) throws IOException
        {
            super(schema);
        }

        @Override
        protected void endRow(final long[] longs, final double[] doubles)
        {
            if (isData(longs))
            {
                ids.add(longs[mptcpId]);
            }
        }
    }

    private static final class Points extends SeriesValues
    {
        private final LongHashSet ids;
        private final int direction;
        private final int[] directionOf;
        private final int subflow;
        private final int interfaceColumn;
        private final List<String> interfaces;
        private final int elapsed;
        private final int seqStart;
        private final int seqEnd;
        private final int reinjectedBytes;

        final LongObjectHashMap<TimeSequence[]> byConnection = new LongObjectHashMap<>();

        Points(final TableSchema schema, final LongHashSet ids) throws IOException
        {
            super(schema);
            this.ids = ids;
            direction = column(schema, "direction", ColumnType.ENUM);
            directionOf = ReportData.directions(labels(schema, direction));
            subflow = column(schema, "subflow", ColumnType.INT64);
            interfaceColumn = column(schema, "interface", ColumnType.ENUM);
            interfaces = labels(schema, interfaceColumn);
            elapsed = column(schema, "elapsed", ColumnType.DURATION);
            seqStart = column(schema, "seq_start", ColumnType.INT64);
            seqEnd = column(schema, "seq_end", ColumnType.INT64);
            reinjectedBytes = column(schema, "reinjected_bytes", ColumnType.INT64);
        }

        @Override
        protected void endRow(final long[] longs, final double[] doubles)
        {
            final long id = longs[mptcpId];
            final int label = (int)longs[direction];
            if (!ids.contains(id) || label < 0 || directionOf[label] < 0 || longs[elapsed] == NOT_MEASURED)
            {
                return;
            }
            TimeSequence[] directions = byConnection.get(id);
            if (directions == null)
            {
                directions = new TimeSequence[] { new TimeSequence(), new TimeSequence() };
                byConnection.put(id, directions);
            }
            final TimeSequence sequence = directions[directionOf[label]];
            if (isData(longs) && longs[seqEnd] != NOT_MEASURED && longs[subflow] != NOT_MEASURED)
            {
                final int face = (int)longs[interfaceColumn];
                sequence.addData((int)longs[subflow], face < 0 ? "" : interfaces.get(face), longs[elapsed],
                    longs[seqEnd], longs[reinjectedBytes] > 0);
            }
            else if (isDataAck(longs) && longs[seqStart] != NOT_MEASURED)
            {
                sequence.addDataAck(longs[elapsed], longs[seqStart]);
            }
        }
    }
}
