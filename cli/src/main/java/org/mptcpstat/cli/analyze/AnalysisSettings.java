package org.mptcpstat.cli.analyze;

import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.socks.ShadowsocksTable;
import org.mptcpstat.parser.packet.TcpPacket;

import java.util.Set;

/**
 * What every capture of a run is analyzed with.
 *
 * @param formats          table formats to write.
 * @param idleTimeoutNanos capture time without packets after which a connection ends.
 * @param serverPrefixes   the proxy side, for connections whose SYN was not captured.
 * @param onlyProxy        keep only packets to or from the server prefixes.
 * @param interfaces       how subflows are classed as WiFi or cellular.
 * @param socksTable       the shadowsocks table of --socks-password, or null.
 * @param maxOpenConnections TCP connections held open at most; beyond, the least recently active one ends.
 */
public record AnalysisSettings(Set<TableFormat> formats, long idleTimeoutNanos, AddressPrefixes serverPrefixes,
    boolean onlyProxy, InterfaceClassifier interfaces, ShadowsocksTable socksTable, int maxOpenConnections)
{
    /** With the default bound on open connections. */
    public AnalysisSettings(final Set<TableFormat> formats, final long idleTimeoutNanos,
        final AddressPrefixes serverPrefixes, final boolean onlyProxy, final InterfaceClassifier interfaces,
        final ShadowsocksTable socksTable)
    {
        this(formats, idleTimeoutNanos, serverPrefixes, onlyProxy, interfaces, socksTable,
            TcpTracker.DEFAULT_MAX_OPEN_CONNECTIONS);
    }

    /** @return whether a packet is analyzed at all: with --only-proxy, only the proxy's are. */
    boolean keeps(final TcpPacket packet)
    {
        return !onlyProxy ||
            serverPrefixes.contains(packet.ipVersion(), packet.sourceHigh(), packet.sourceLow()) ||
            serverPrefixes.contains(packet.ipVersion(), packet.destinationHigh(), packet.destinationLow());
    }
}
