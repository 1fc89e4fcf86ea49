package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongDoubleHashMap;
import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongCursor;
import org.mptcpstat.cli.summary.CampaignSummary;
import org.mptcpstat.cli.summary.Direction;
import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The per-connection values a report draws, gathered from the binary tables of every capture
 * folder {@link #add added}. Counts for the bar charts (server ports, failed joins) come from a
 * {@link CampaignSummary}, so the report and {@code mptcpstat summary} agree on them.
 */
public final class ReportData
{
    private static final double MICROS_PER_MILLI = 1000.0;

    private final CampaignSummary summary = new CampaignSummary(0);
    private final List<SeriesConnection> seriesConnections = new ArrayList<>();
    private long captures;

    final DoubleArrayList tcpDurations = new DoubleArrayList();
    final DoubleArrayList[] payloadBytes = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] tcpRttMs = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList subflows = new DoubleArrayList();
    final DoubleArrayList initialSubflowShare = new DoubleArrayList();
    final DoubleArrayList wifiShare = new DoubleArrayList();
    final DoubleArrayList cellularShare = new DoubleArrayList();
    final DoubleArrayList reinjectionOverhead = new DoubleArrayList();
    final DoubleArrayList[] dataRttMs = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] burstBytes = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] retransmissionOverhead = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList subflowRttDifferenceMs = new DoubleArrayList();
    final DoubleArrayList joinDelays = new DoubleArrayList();
    final DoubleArrayList[] dataAckSizes = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] dataAckCounts = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] ackSizes = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] ackCounts = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList[] burstDurations = { new DoubleArrayList(), new DoubleArrayList() };
    final DoubleArrayList switchesPerSecond = new DoubleArrayList();

    /**
     * Adds one capture folder. Its tables are all read before any value is kept, so a folder with a
     * missing or damaged table adds nothing; {@code mptcp_series} is read only where it was written
     * ({@code analyze --series}), and only which connections it holds is kept.
     *
     * @throws IOException with a one-line message naming the table that could not be read.
     */
    public void add(final Path captureFolder) throws IOException
    {
        final TcpValues tcp = TableValues.replay(captureFolder, TcpValues.TABLE, TcpValues::new);
        final MptcpValues mptcp = TableValues.replay(captureFolder, MptcpValues.TABLE, MptcpValues::new);
        final BurstValues bursts = TableValues.replay(captureFolder, BurstValues.TABLE, BurstValues::new);
        final SubflowValues subflowValues = TableValues.replay(captureFolder, SubflowValues.TABLE, SubflowValues::new);
        final AckSizeValues acks = TableValues.replay(captureFolder, AckSizeValues.TCP_TABLE, AckSizeValues::new);
        final AckSizeValues dataAcks = TableValues.replay(captureFolder, AckSizeValues.MPTCP_TABLE,
            AckSizeValues::new);
        final LongHashSet seriesIds = SeriesTable.connectionsWithData(captureFolder);
        // Last: it changes its totals only when all of its own tables could be read.
        summary.add(captureFolder);

        captures++;
        tcpDurations.addAll(tcp.durations);
        subflows.addAll(mptcp.subflows);
        initialSubflowShare.addAll(mptcp.initialShare);
        wifiShare.addAll(mptcp.wifiShare);
        cellularShare.addAll(mptcp.cellularShare);
        reinjectionOverhead.addAll(mptcp.reinjectionOverhead);
        switchesPerSecond.addAll(mptcp.switchesPerSecond);
        joinDelays.addAll(subflowValues.joinDelays);
        addRttDifferences(subflowValues, tcp.c2sRttByConnection);
        for (final LongCursor id : seriesIds)
        {
            seriesConnections.add(new SeriesConnection(captureFolder, id.value, mptcp.dataBytesById.get(id.value)));
        }
        for (int d = 0; d < 2; d++)
        {
            retransmissionOverhead[d].addAll(tcp.retransmissionOverhead[d]);
            ackSizes[d].addAll(acks.sizes[d]);
            ackCounts[d].addAll(acks.counts[d]);
            dataAckSizes[d].addAll(dataAcks.sizes[d]);
            dataAckCounts[d].addAll(dataAcks.counts[d]);
            burstDurations[d].addAll(bursts.durations[d]);
            payloadBytes[d].addAll(tcp.payload[d]);
            tcpRttMs[d].addAll(tcp.rttMs[d]);
            dataRttMs[d].addAll(mptcp.dataRttMs[d]);
            burstBytes[d].addAll(bursts.bytes[d]);
        }
    }

    /**
     * Joins one capture's subflows to its TCP connections (conn_id) and keeps, for each MPTCP
     * connection with two or more subflows whose c2s_rtt_avg_us was measured, the largest minus the
     * smallest of those means, in ms.
     */
    private void addRttDifferences(final SubflowValues subflowRows, final LongDoubleHashMap c2sRttByConnection)
    {
        final LongDoubleHashMap lowest = new LongDoubleHashMap();
        final LongDoubleHashMap highest = new LongDoubleHashMap();
        final LongIntHashMap measured = new LongIntHashMap();
        for (int i = 0; i < subflowRows.mptcpIds.size(); i++)
        {
            final long connection = subflowRows.connIds.get(i);
            if (!c2sRttByConnection.containsKey(connection))
            {
                continue;
            }
            final long id = subflowRows.mptcpIds.get(i);
            final double rtt = c2sRttByConnection.get(connection);
            final boolean first = measured.addTo(id, 1) == 1;
            lowest.put(id, first ? rtt : Math.min(rtt, lowest.get(id)));
            highest.put(id, first ? rtt : Math.max(rtt, highest.get(id)));
        }
        for (final var entry : measured)
        {
            if (entry.value >= 2)
            {
                subflowRttDifferenceMs.add((highest.get(entry.key) - lowest.get(entry.key)) / MICROS_PER_MILLI);
            }
        }
    }

    /** @return capture folders added. */
    public long captures()
    {
        return captures;
    }

    /**
     * @return the MPTCP connections with series (analyze --series) that carried the most data bytes,
     *     most first, at most {@code limit}.
     */
    public List<SeriesConnection> largestSeries(final int limit)
    {
        return seriesConnections.stream()
            .sorted(Comparator.comparingLong(SeriesConnection::dataBytes).reversed()
                .thenComparing(SeriesConnection::captureFolder).thenComparingLong(SeriesConnection::mptcpId))
            .limit(limit).toList();
    }

    /** @return TCP connections per server port, most first (the summary's top list). */
    public List<CampaignSummary.PortTotals> topServerPorts(final int limit)
    {
        return summary.topServerPorts(limit);
    }

    /** @return failed subflows by failure_reason, every reason but {@code none}. */
    public Map<String, Long> failedJoins()
    {
        return summary.failedJoins();
    }

    private static double ratio(final long part, final long whole)
    {
        return (double)part / whole;
    }

    /** tcp_connections: duration, payload bytes and mean RTT per direction. */
    private static final class TcpValues extends TableValues
    {
        static final String TABLE = "tcp_connections";

        private final int duration;
        private final int connId;
        private final int[] payloadColumn = new int[2];
        private final int[] retransColumn = new int[2];
        private final int[] rttColumn = new int[2];

        final DoubleArrayList durations = new DoubleArrayList();
        final DoubleArrayList[] retransmissionOverhead = { new DoubleArrayList(), new DoubleArrayList() };
        /** conn_id to c2s_rtt_avg_us, for connections where it was measured. */
        final LongDoubleHashMap c2sRttByConnection = new LongDoubleHashMap();
        final DoubleArrayList[] payload = { new DoubleArrayList(), new DoubleArrayList() };
        final DoubleArrayList[] rttMs = { new DoubleArrayList(), new DoubleArrayList() };

        TcpValues(final TableSchema schema) throws IOException
        {
            super(schema);
            duration = column(schema, "duration", ColumnType.DURATION);
            connId = column(schema, "conn_id", ColumnType.INT64);
            for (final Direction direction : Direction.values())
            {
                final int d = direction.ordinal();
                payloadColumn[d] = column(schema, direction.label() + "_payload_bytes", ColumnType.INT64);
                retransColumn[d] = column(schema, direction.label() + "_retrans_bytes", ColumnType.INT64);
                rttColumn[d] = column(schema, direction.label() + "_rtt_avg_us", ColumnType.FLOAT64);
            }
        }

        @Override

        protected void endRow(final long[] longs, final double[] doubles)
        {
            if (longs[duration] != NOT_MEASURED)
            {
                durations.add(longs[duration] / 1e9);
            }
            for (int d = 0; d < 2; d++)
            {
                if (longs[payloadColumn[d]] != NOT_MEASURED)
                {
                    payload[d].add(longs[payloadColumn[d]]);
                }
                // Only directions that carried payload have an overhead.
                if (longs[payloadColumn[d]] > 0)
                {
                    retransmissionOverhead[d].add(ratio(count(longs[retransColumn[d]]), longs[payloadColumn[d]]));
                }
                if (Double.isFinite(doubles[rttColumn[d]]))
                {
                    rttMs[d].add(doubles[rttColumn[d]] / MICROS_PER_MILLI);
                }
            }
            if (Double.isFinite(doubles[rttColumn[0]]) && longs[connId] != NOT_MEASURED)
            {
                c2sRttByConnection.put(longs[connId], doubles[rttColumn[0]]);
            }
        }
    }

    /** mptcp_connections: subflows, shares of the data bytes, reinjection overhead, data-level RTT. */
    private static final class MptcpValues extends TableValues
    {
        static final String TABLE = "mptcp_connections";

        private final int mptcpId;
        private final int subflowsColumn;
        private final int[] data = new int[2];
        private final int[] initial = new int[2];
        private final int[] wifi = new int[2];
        private final int[] cellular = new int[2];
        private final int[] reinjected = new int[2];
        private final int[] rtt = new int[2];
        private final int[] switches = new int[2];
        private final int durationColumn;

        final DoubleArrayList subflows = new DoubleArrayList();
        final DoubleArrayList switchesPerSecond = new DoubleArrayList();
        final DoubleArrayList initialShare = new DoubleArrayList();
        final DoubleArrayList wifiShare = new DoubleArrayList();
        final DoubleArrayList cellularShare = new DoubleArrayList();
        final DoubleArrayList reinjectionOverhead = new DoubleArrayList();
        final DoubleArrayList[] dataRttMs = { new DoubleArrayList(), new DoubleArrayList() };
        /** mptcp_id to c2s_data_bytes + s2c_data_bytes: what ranks connections for time-sequence plots. */
        final LongLongHashMap dataBytesById = new LongLongHashMap();

        MptcpValues(final TableSchema schema) throws IOException
        {
            super(schema);
            mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
            subflowsColumn = column(schema, "subflows", ColumnType.INT64);
            durationColumn = column(schema, "duration", ColumnType.DURATION);
            for (final Direction direction : Direction.values())
            {
                final int d = direction.ordinal();
                final String prefix = direction.label() + "_";
                data[d] = column(schema, prefix + "data_bytes", ColumnType.INT64);
                initial[d] = column(schema, prefix + "initial_subflow_bytes", ColumnType.INT64);
                wifi[d] = column(schema, prefix + "wifi_bytes", ColumnType.INT64);
                cellular[d] = column(schema, prefix + "cellular_bytes", ColumnType.INT64);
                reinjected[d] = column(schema, prefix + "reinjected_bytes", ColumnType.INT64);
                rtt[d] = column(schema, prefix + "data_rtt_avg_us", ColumnType.FLOAT64);
                switches[d] = column(schema, prefix + "subflow_switches", ColumnType.INT64);
            }
        }

        @Override

        protected void endRow(final long[] longs, final double[] doubles)
        {
            if (longs[subflowsColumn] != NOT_MEASURED)
            {
                subflows.add(longs[subflowsColumn]);
            }
            final long dataBytes = sum(longs, data);
            dataBytesById.put(longs[mptcpId], dataBytes);
            if (dataBytes > 0)
            {
                initialShare.add(ratio(sum(longs, initial), dataBytes));
                reinjectionOverhead.add(ratio(sum(longs, reinjected), dataBytes));
                final long wifiBytes = sum(longs, wifi);
                final long cellularBytes = sum(longs, cellular);
                // Only connections whose interfaces were told apart (--wifi-prefix, --cell-prefix, --iface-map).
                if (wifiBytes + cellularBytes > 0)
                {
                    wifiShare.add(ratio(wifiBytes, dataBytes));
                    cellularShare.add(ratio(cellularBytes, dataBytes));
                }
            }
            for (int d = 0; d < 2; d++)
            {
                if (Double.isFinite(doubles[rtt[d]]))
                {
                    dataRttMs[d].add(doubles[rtt[d]] / MICROS_PER_MILLI);
                }
            }
            // A frequency needs a duration; switches not measured in either direction leave the connection out.
            final long nanos = longs[durationColumn];
            if (nanos > 0 && longs[switches[0]] != NOT_MEASURED && longs[switches[1]] != NOT_MEASURED)
            {
                switchesPerSecond.add((longs[switches[0]] + longs[switches[1]]) / (nanos / 1e9));
            }
        }

        private static long sum(final long[] longs, final int[] columns)
        {
            return count(longs[columns[0]]) + count(longs[columns[1]]);
        }
    }

    /** mptcp_bursts: bytes of each run, by direction. */
    private static final class BurstValues extends TableValues
    {
        static final String TABLE = "mptcp_bursts";

        private final int direction;
        private final int bytesColumn;
        private final int durationColumn;
        private final int[] directionOf;

        final DoubleArrayList[] bytes = { new DoubleArrayList(), new DoubleArrayList() };
        final DoubleArrayList[] durations = { new DoubleArrayList(), new DoubleArrayList() };

        BurstValues(final TableSchema schema) throws IOException
        {
            super(schema);
            direction = column(schema, "direction", ColumnType.ENUM);
            bytesColumn = column(schema, "bytes", ColumnType.INT64);
            durationColumn = column(schema, "duration", ColumnType.DURATION);
            directionOf = directions(labels(schema, direction));
        }

        @Override

        protected void endRow(final long[] longs, final double[] doubles)
        {
            final int label = (int)longs[direction];
            if (label < 0 || directionOf[label] < 0)
            {
                return;
            }
            if (longs[bytesColumn] != NOT_MEASURED)
            {
                bytes[directionOf[label]].add(longs[bytesColumn]);
            }
            if (longs[durationColumn] != NOT_MEASURED)
            {
                durations[directionOf[label]].add(longs[durationColumn] / 1e9);
            }
        }
    }

    /** @return for each label of a direction column, the Direction ordinal it names; -1 for others. */
    static int[] directions(final List<String> labels)
    {
        final int[] directionOf = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++)
        {
            directionOf[i] = labels.get(i).equals(Direction.S2C.label()) ? 1 :
                labels.get(i).equals(Direction.C2S.label()) ? 0 : -1;
        }
        return directionOf;
    }

    /** mptcp_subflows: the delay of each MP_JOIN, and which TCP connection (conn_id) each subflow is. */
    private static final class SubflowValues extends TableValues
    {
        static final String TABLE = "mptcp_subflows";

        private final int mptcpId;
        private final int connId;
        private final int role;
        private final int join;
        private final int synDelay;

        final DoubleArrayList joinDelays = new DoubleArrayList();
        final LongArrayList mptcpIds = new LongArrayList();
        final LongArrayList connIds = new LongArrayList();

        SubflowValues(final TableSchema schema) throws IOException
        {
            super(schema);
            mptcpId = column(schema, "mptcp_id", ColumnType.INT64);
            connId = column(schema, "conn_id", ColumnType.INT64);
            role = column(schema, "role", ColumnType.ENUM);
            join = labels(schema, role).indexOf("join");
            synDelay = column(schema, "syn_delay", ColumnType.DURATION);
        }

        @Override
        protected void endRow(final long[] longs, final double[] doubles)
        {
            if (longs[role] == join && join >= 0 && longs[synDelay] != NOT_MEASURED)
            {
                joinDelays.add(longs[synDelay] / 1e9);
            }
            if (longs[mptcpId] != NOT_MEASURED && longs[connId] != NOT_MEASURED)
            {
                mptcpIds.add(longs[mptcpId]);
                connIds.add(longs[connId]);
            }
        }
    }

    /**
     * tcp_ack_sizes or mptcp_data_ack_sizes: acked_bytes and how many ACKs (DATA_ACKs) acknowledged
     * that many, by direction.
     */
    private static final class AckSizeValues extends TableValues
    {
        static final String TCP_TABLE = "tcp_ack_sizes";
        static final String MPTCP_TABLE = "mptcp_data_ack_sizes";

        private final int direction;
        private final int ackedBytes;
        private final int countColumn;
        private final int[] directionOf;

        final DoubleArrayList[] sizes = { new DoubleArrayList(), new DoubleArrayList() };
        final DoubleArrayList[] counts = { new DoubleArrayList(), new DoubleArrayList() };

        AckSizeValues(final TableSchema schema) throws IOException
        {
            super(schema);
            direction = column(schema, "direction", ColumnType.ENUM);
            ackedBytes = column(schema, "acked_bytes", ColumnType.INT64);
            countColumn = column(schema, "count", ColumnType.INT64);
            directionOf = directions(labels(schema, direction));
        }

        @Override
        protected void endRow(final long[] longs, final double[] doubles)
        {
            final int label = (int)longs[direction];
            if (label >= 0 && directionOf[label] >= 0 && longs[ackedBytes] != NOT_MEASURED &&
                longs[countColumn] > 0)
            {
                sizes[directionOf[label]].add(longs[ackedBytes]);
                counts[directionOf[label]].add(longs[countColumn]);
            }
        }
    }
}
