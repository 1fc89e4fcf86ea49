package org.mptcpstat.cli.summary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A campaign's figures as aligned plain-text tables, the same whatever the locale. */
public final class SummaryPrinter
{
    /** How many server ports the text and the JSON list. */
    public static final int TOP_PORTS = 10;
    /** The labels of {@link CampaignSummary#subflowDistribution()}'s buckets. */
    static final List<String> SUBFLOW_BUCKETS = List.of("1", "2", "3", "4+");

    private SummaryPrinter()
    {
    }

    public static String text(final CampaignSummary summary)
    {
        final StringBuilder text = new StringBuilder();
        final TextTable campaign = new TextTable("Campaign", "count")
            .row("captures", number(summary.captures()))
            .row("TCP connections", number(summary.tcpConnections()))
            .row("MPTCP connections", number(summary.mptcpConnections()))
            .row("MPTCP connections with >= 2 data subflows", number(summary.multipathConnections()));
        if (summary.minBytes() > 0)
        {
            campaign.row("--min-bytes (smaller connections left out)", number(summary.minBytes()));
        }
        final SummaryFilter filter = summary.filter();
        if (filter.since() != null)
        {
            campaign.row("--since (connections that started before left out)", filter.since());
        }
        if (filter.until() != null)
        {
            campaign.row("--until (connections that started at or after left out)", filter.until());
        }
        if (!filter.servers().isEmpty())
        {
            campaign.row("--server (connections to other servers left out)", String.join(",", filter.servers()));
        }
        section(text, campaign);
        section(text, new TextTable("TCP", "c2s", "s2c")
            .row("packets", number(summary.packets(Direction.C2S)), number(summary.packets(Direction.S2C)))
            .row("payload bytes", number(summary.payloadBytes(Direction.C2S)),
                number(summary.payloadBytes(Direction.S2C)))
            .row("retransmitted bytes", number(summary.retransBytes(Direction.C2S)),
                number(summary.retransBytes(Direction.S2C)))
            .row("retransmission overhead", percent(summary.retransmissionOverhead(Direction.C2S)),
                percent(summary.retransmissionOverhead(Direction.S2C))));
        section(text, new TextTable("MPTCP data level", "c2s", "s2c")
            .row("data bytes", number(summary.dataBytes(Direction.C2S)), number(summary.dataBytes(Direction.S2C)))
            .row("unique data bytes", number(summary.uniqueDataBytes(Direction.C2S)),
                number(summary.uniqueDataBytes(Direction.S2C)))
            .row("reinjected bytes", number(summary.reinjectedBytes(Direction.C2S)),
                number(summary.reinjectedBytes(Direction.S2C)))
            .row("reinjection overhead", percent(summary.reinjectionOverhead(Direction.C2S)),
                percent(summary.reinjectionOverhead(Direction.S2C))));
        final TextTable interfaces = new TextTable("MPTCP bytes per interface", "c2s", "s2c");
        for (final InterfaceClass type : InterfaceClass.values())
        {
            interfaces.row(type.label(), number(summary.interfaceBytes(type, Direction.C2S)),
                number(summary.interfaceBytes(type, Direction.S2C)));
        }
        section(text, interfaces);
        final TextTable ports = new TextTable("Server ports (top " + TOP_PORTS + ")", "connections", "payload bytes");
        for (final CampaignSummary.PortTotals port : summary.topServerPorts(TOP_PORTS))
        {
            ports.row(Integer.toString(port.port()), number(port.connections()), number(port.payloadBytes()));
        }
        section(text, ports);
        final List<CampaignSummary.SocksPortTotals> socks = summary.topSocksPorts(TOP_PORTS);
        if (!socks.isEmpty())
        {
            final TextTable socksPorts = new TextTable("SOCKS destination ports (top " + TOP_PORTS + ")",
                "connections", "c2s payload bytes", "s2c payload bytes");
            for (final CampaignSummary.SocksPortTotals port : socks)
            {
                socksPorts.row(Long.toString(port.port()), number(port.connections()),
                    number(port.payloadBytes(Direction.C2S)), number(port.payloadBytes(Direction.S2C)));
            }
            section(text, socksPorts);
        }
        final TextTable subflows = new TextTable("Subflows per MPTCP connection", "connections");
        final long[] distribution = summary.subflowDistribution();
        for (int i = 0; i < distribution.length; i++)
        {
            subflows.row(SUBFLOW_BUCKETS.get(i), number(distribution[i]));
        }
        section(text, subflows);
        section(text, counts(new TextTable("Failed joins by reason", "subflows"), summary.failedJoins()));
        section(text, counts(new TextTable("Fallback reasons", "connections"), summary.fallbackReasons()));
        section(text, counts(new TextTable("MPTCP events by type", "events"), summary.events()));
        return text.toString();
    }

    private static void section(final StringBuilder text, final TextTable table)
    {
        if (text.length() > 0)
        {
            text.append('\n');
        }
        table.appendTo(text);
    }

    private static TextTable counts(final TextTable table, final Map<String, Long> counts)
    {
        counts.forEach((label, count) -> table.row(label, number(count)));
        return table;
    }

    private static String number(final long value)
    {
        return Long.toString(value);
    }

    /** A ratio as a percentage; "-" where it has no denominator. */
    private static String percent(final double ratio)
    {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.3f%%", ratio * 100);
    }
}
