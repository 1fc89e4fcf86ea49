package org.mptcpstat.cli.summary;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.mptcpstat.cli.tables.TableValues;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a measurement campaign: the totals of every capture folder {@link #add added},
 * read from the binary tables that {@code mptcpstat analyze} wrote.
 */
public final class CampaignSummary
{
    private final long minBytes;
    private final SummaryFilter filter;

    private long captures;
    private long tcpConnections;
    private long mptcpConnections;
    private long multipathConnections;
    private final long[] packets = new long[2];
    private final long[] payloadBytes = new long[2];
    private final long[] retransBytes = new long[2];
    private final long[] dataBytes = new long[2];
    private final long[] uniqueDataBytes = new long[2];
    private final long[] reinjectedBytes = new long[2];
    private final long[][] interfaceBytes = new long[InterfaceClass.values().length][2];
    private final long[] portConnections = new long[TcpConnectionTotals.PORTS];
    private final long[] portPayloadBytes = new long[TcpConnectionTotals.PORTS];
    private final Long2LongHashMap socksConnections = new Long2LongHashMap(TcpConnectionTotals.ABSENT);
    private final Long2LongHashMap[] socksPayloadBytes = {
        new Long2LongHashMap(TcpConnectionTotals.ABSENT), new Long2LongHashMap(TcpConnectionTotals.ABSENT) };
    private final long[] subflowBuckets = new long[MptcpConnectionTotals.SUBFLOW_BUCKETS];
    private final Map<String, Long> failedJoins = new LinkedHashMap<>();
    private final Map<String, Long> fallbackReasons = new LinkedHashMap<>();
    private final Map<String, Long> events = new LinkedHashMap<>();

    /**
     * @param minBytes counts only TCP connections with at least this much payload, both directions
     *                 together, and MPTCP connections with at least this many data bytes.
     */
    public CampaignSummary(final long minBytes)
    {
        this(minBytes, SummaryFilter.NONE);
    }

    /**
     * @param minBytes as {@link #CampaignSummary(long)}.
     * @param filter   counts only the connections it keeps (time window, servers), and only the
     *                 subflows, events and failed joins of the MPTCP connections it keeps.
     */
    public CampaignSummary(final long minBytes, final SummaryFilter filter)
    {
        this.minBytes = minBytes;
        this.filter = filter;
    }

    /**
     * Adds one capture folder. Its tables are all read before any figure changes, so a folder with
     * a missing or damaged table adds nothing and the totals stay consistent with each other.
     *
     * @throws IOException with a one-line message naming the table that could not be read.
     */
    public void add(final Path captureFolder) throws IOException
    {
        final LongHashSet serverIds = filter.filtersServers() ? TableValues.replay(captureFolder,
            SubflowTotals.TABLE, schema -> new ServerSubflows(schema, filter.serverPrefixes())).ids : null;
        final MptcpConnectionTotals mptcp = TableValues.replay(captureFolder, MptcpConnectionTotals.TABLE,
            schema -> new MptcpConnectionTotals(schema, minBytes, filter, serverIds));
        final SubflowTotals subflows = TableValues.replay(captureFolder, SubflowTotals.TABLE,
            schema -> new SubflowTotals(schema, mptcp.keptIds));
        final EventTotals eventTotals = TableValues.replay(captureFolder, EventTotals.TABLE,
            schema -> new EventTotals(schema, mptcp.keptIds));
        final TcpConnectionTotals tcp = TableValues.replay(captureFolder, TcpConnectionTotals.TABLE,
            schema -> new TcpConnectionTotals(schema, minBytes, filter));

        captures++;
        tcpConnections += tcp.connections;
        mptcpConnections += mptcp.connections;
        multipathConnections += subflows.multipathConnections;
        for (int d = 0; d < 2; d++)
        {
            packets[d] += tcp.packets[d];
            payloadBytes[d] += tcp.payloadBytes[d];
            retransBytes[d] += tcp.retransBytes[d];
            dataBytes[d] += mptcp.dataBytes[d];
            uniqueDataBytes[d] += mptcp.uniqueDataBytes[d];
            reinjectedBytes[d] += mptcp.reinjectedBytes[d];
            for (int type = 0; type < interfaceBytes.length; type++)
            {
                interfaceBytes[type][d] += mptcp.interfaceBytes[type][d];
            }
        }
        for (int port = 0; port < portConnections.length; port++)
        {
            portConnections[port] += tcp.portConnections[port];
            portPayloadBytes[port] += tcp.portPayloadBytes[port];
        }
        tcp.socksConnections.forEachLong((port, connections) -> socksConnections.merge(port, connections, Long::sum));
        for (int d = 0; d < 2; d++)
        {
            final Long2LongHashMap into = socksPayloadBytes[d];
            tcp.socksPayloadBytes[d].forEachLong((port, bytes) -> into.merge(port, bytes, Long::sum));
        }
        for (int bucket = 0; bucket < subflowBuckets.length; bucket++)
        {
            subflowBuckets[bucket] += mptcp.subflowBuckets[bucket];
        }
        addCounts(failedJoins, subflows.failureLabels, subflows.failureCounts, SubflowTotals.NOT_FAILED);
        addCounts(fallbackReasons, mptcp.fallbackLabels, mptcp.fallbackCounts, null);
        addCounts(events, eventTotals.typeLabels, eventTotals.typeCounts, null);
    }

    /** Every label is listed, counted or not, so that outputs of different campaigns have the same rows. */
    private static void addCounts(final Map<String, Long> into, final List<String> labels, final long[] counts,
        final String skipped)
    {
        for (int i = 0; i < labels.size(); i++)
        {
            if (!labels.get(i).equals(skipped))
            {
                into.merge(labels.get(i), counts[i], Long::sum);
            }
        }
    }

    public long minBytes()
    {
        return minBytes;
    }

    public SummaryFilter filter()
    {
        return filter;
    }

    public long captures()
    {
        return captures;
    }

    public long tcpConnections()
    {
        return tcpConnections;
    }

    public long mptcpConnections()
    {
        return mptcpConnections;
    }

    /** @return MPTCP connections with at least two subflows that carried data (mapped bytes). */
    public long multipathConnections()
    {
        return multipathConnections;
    }

    public long packets(final Direction direction)
    {
        return packets[direction.ordinal()];
    }

    /** @return TCP payload bytes, retransmissions included. */
    public long payloadBytes(final Direction direction)
    {
        return payloadBytes[direction.ordinal()];
    }

    public long retransBytes(final Direction direction)
    {
        return retransBytes[direction.ordinal()];
    }

    /** @return MPTCP data-level bytes, reinjections included. */
    public long dataBytes(final Direction direction)
    {
        return dataBytes[direction.ordinal()];
    }

    public long uniqueDataBytes(final Direction direction)
    {
        return uniqueDataBytes[direction.ordinal()];
    }

    public long reinjectedBytes(final Direction direction)
    {
        return reinjectedBytes[direction.ordinal()];
    }

    public long interfaceBytes(final InterfaceClass type, final Direction direction)
    {
        return interfaceBytes[type.ordinal()][direction.ordinal()];
    }

    /** @return retransmitted bytes per payload byte; NaN without payload. */
    public double retransmissionOverhead(final Direction direction)
    {
        return (double)retransBytes(direction) / payloadBytes(direction);
    }

    /** @return reinjected bytes per data byte; NaN without data. */
    public double reinjectionOverhead(final Direction direction)
    {
        return (double)reinjectedBytes(direction) / dataBytes(direction);
    }

    /**
     * @return MPTCP connections by number of subflows: index 0 counts connections with one subflow,
     *     1 with two, 2 with three, the last with four or more.
     */
    public long[] subflowDistribution()
    {
        return subflowBuckets.clone();
    }

    /** @return failed subflows (joins, and initial subflows that never completed) by failure_reason. */
    public Map<String, Long> failedJoins()
    {
        return Collections.unmodifiableMap(failedJoins);
    }

    /** @return MPTCP connections by fallback_reason, {@code none} for those that did not fall back. */
    public Map<String, Long> fallbackReasons()
    {
        return Collections.unmodifiableMap(fallbackReasons);
    }

    /** @return mptcp_events rows by type. */
    public Map<String, Long> events()
    {
        return Collections.unmodifiableMap(events);
    }

    /** @return the server ports with the most connections, most first; ties by payload, then port. */
    public List<PortTotals> topServerPorts(final int limit)
    {
        final List<PortTotals> ports = new ArrayList<>();
        for (int port = 0; port < portConnections.length; port++)
        {
            if (portConnections[port] > 0)
            {
                ports.add(new PortTotals(port, portConnections[port], portPayloadBytes[port]));
            }
        }
        ports.sort(Comparator.comparingLong(PortTotals::connections).reversed()
            .thenComparing(Comparator.comparingLong(PortTotals::payloadBytes).reversed())
            .thenComparingInt(PortTotals::port));
        return List.copyOf(ports.subList(0, Math.min(limit, ports.size())));
    }

    /**
     * @return the SOCKS destination ports (tcp_connections.socks_port) with the most connections,
     *     most first; ties by payload, then port. Empty when no connection had a SOCKS destination.
     */
    public List<SocksPortTotals> topSocksPorts(final int limit)
    {
        final List<SocksPortTotals> ports = new ArrayList<>();
        socksConnections.forEachLong((port, connections) -> ports.add(new SocksPortTotals(port, connections,
            socksPayloadBytes[0].get(port), socksPayloadBytes[1].get(port))));
        ports.sort(Comparator.comparingLong(SocksPortTotals::connections).reversed()
            .thenComparing(Comparator.comparingLong((SocksPortTotals p) -> p.payloadBytes(Direction.C2S) +
                p.payloadBytes(Direction.S2C)).reversed())
            .thenComparingLong(SocksPortTotals::port));
        return List.copyOf(ports.subList(0, Math.min(limit, ports.size())));
    }

    /** The TCP connections whose SOCKS request named one destination port, and their payload bytes per direction. */
    public record SocksPortTotals(long port, long connections, long c2sPayloadBytes, long s2cPayloadBytes)
    {
        public long payloadBytes(final Direction direction)
        {
            return direction == Direction.C2S ? c2sPayloadBytes : s2cPayloadBytes;
        }
    }

    /** The TCP connections to one server port and their payload bytes, both directions together. */
    public record PortTotals(int port, long connections, long payloadBytes)
    {
    }
}
