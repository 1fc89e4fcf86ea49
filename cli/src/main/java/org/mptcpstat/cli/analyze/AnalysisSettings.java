package org.mptcpstat.cli.analyze;

import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.socks.ShadowsocksTable;

import java.util.Set;

/**
 * What every capture of a run is analyzed with.
 *
 * @param formats          table formats to write.
 * @param idleTimeoutNanos capture time without packets after which a connection ends.
 * @param serverPrefixes   the proxy side, for connections whose SYN was not captured.
 * @param interfaces       how subflows are classed as WiFi or cellular.
 * @param socksTable       the shadowsocks table of --socks-password, or null.
 */
public record AnalysisSettings(Set<TableFormat> formats, long idleTimeoutNanos, AddressPrefixes serverPrefixes,
    InterfaceClassifier interfaces, ShadowsocksTable socksTable)
{
}
