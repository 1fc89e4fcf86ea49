package org.mptcpstat.cli.analyze;

import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.flowtable.AddressPrefixes;
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
 */
public record AnalysisSettings(Set<TableFormat> formats, long idleTimeoutNanos, AddressPrefixes serverPrefixes,
    boolean onlyProxy, InterfaceClassifier interfaces, ShadowsocksTable socksTable)
{
    /** @return whether a packet is analyzed at all: with --only-proxy, only the proxy's are. */
    boolean keeps(final TcpPacket packet)
    {
        return !onlyProxy ||
            serverPrefixes.contains(packet.ipVersion(), packet.sourceHigh(), packet.sourceLow()) ||
            serverPrefixes.contains(packet.ipVersion(), packet.destinationHigh(), packet.destinationLow());
    }
}
