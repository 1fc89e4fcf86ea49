package org.mptcpstat.cli.summary;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A campaign's figures as one JSON object, for scripts: the figures of {@link SummaryPrinter},
 * ratios as fractions (null without a denominator).
 */
public final class SummaryJson
{
    private final StringBuilder json = new StringBuilder();

    private SummaryJson()
    {
    }

    public static String of(final CampaignSummary summary)
    {
        return new SummaryJson().write(summary);
    }

    private String write(final CampaignSummary summary)
    {
        json.append('{');
        field("captures").append(summary.captures());
        field("min_bytes").append(summary.minBytes());
        field("tcp_connections").append(summary.tcpConnections());
        field("mptcp_connections").append(summary.mptcpConnections());
        field("mptcp_multipath_connections").append(summary.multipathConnections());
        field("tcp").append('{');
        for (final Direction direction : Direction.values())
        {
            field(direction.label()).append('{');
            field("packets").append(summary.packets(direction));
            field("payload_bytes").append(summary.payloadBytes(direction));
            field("retrans_bytes").append(summary.retransBytes(direction));
            ratio("retransmission_overhead", summary.retransmissionOverhead(direction));
            close('}');
        }
        close('}');
        field("mptcp").append('{');
        for (final Direction direction : Direction.values())
        {
            field(direction.label()).append('{');
            field("data_bytes").append(summary.dataBytes(direction));
            field("unique_data_bytes").append(summary.uniqueDataBytes(direction));
            field("reinjected_bytes").append(summary.reinjectedBytes(direction));
            ratio("reinjection_overhead", summary.reinjectionOverhead(direction));
            close('}');
        }
        close('}');
        field("interface_bytes").append('{');
        for (final InterfaceClass type : InterfaceClass.values())
        {
            field(type.label()).append('{');
            for (final Direction direction : Direction.values())
            {
                field(direction.label()).append(summary.interfaceBytes(type, direction));
            }
            close('}');
        }
        close('}');
        field("server_ports").append('[');
        for (final CampaignSummary.PortTotals port : summary.topServerPorts(SummaryPrinter.TOP_PORTS))
        {
            separate().append('{');
            field("port").append(port.port());
            field("connections").append(port.connections());
            field("payload_bytes").append(port.payloadBytes());
            close('}');
        }
        close(']');
        field("socks_ports").append('[');
        for (final CampaignSummary.SocksPortTotals port : summary.topSocksPorts(SummaryPrinter.TOP_PORTS))
        {
            separate().append('{');
            field("port").append(port.port());
            field("connections").append(port.connections());
            field("c2s_payload_bytes").append(port.payloadBytes(Direction.C2S));
            field("s2c_payload_bytes").append(port.payloadBytes(Direction.S2C));
            close('}');
        }
        close(']');
        field("subflows_per_connection").append('{');
        final long[] distribution = summary.subflowDistribution();
        for (int i = 0; i < distribution.length; i++)
        {
            field(SummaryPrinter.SUBFLOW_BUCKETS.get(i)).append(distribution[i]);
        }
        close('}');
        counts("failed_joins", summary.failedJoins());
        counts("fallback_reasons", summary.fallbackReasons());
        counts("events", summary.events());
        final SummaryFilter filter = summary.filter();
        time("since", filter.since());
        time("until", filter.until());
        field("servers").append('[');
        for (final String server : filter.servers())
        {
            separate().append('"');
            // Prefixes that parsed hold only digits, hex letters, '.', ':' and '/': nothing to escape.
            json.append(server.trim()).append('"');
        }
        close(']');
        close('}');
        return json.append('\n').toString();
    }

    private void counts(final String name, final Map<String, Long> counts)
    {
        field(name).append('{');
        counts.forEach((label, count) -> field(label).append(count.longValue()));
        close('}');
    }

    /** A --since or --until value as a plain JSON number, null when not given. */
    private void time(final String name, final String seconds)
    {
        field(name).append(seconds == null ? "null" : new BigDecimal(seconds.trim()).toPlainString());
    }

    private void ratio(final String name, final double value)
    {
        // Double.toString is locale-independent and its exponent form is valid JSON.
        field(name).append(Double.isNaN(value) ? "null" : Double.toString(value));
    }

    /** Writes the comma before a value unless it opens its object or array. */
    private StringBuilder separate()
    {
        final char last = json.charAt(json.length() - 1);
        return last == '{' || last == '[' ? json : json.append(',');
    }

    private StringBuilder field(final String name)
    {
        separate().append('"');
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c == '"' || c == '\\')
            {
                json.append('\\').append(c);
            }
            else if (c < ' ')
            {
                json.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                json.append(c);
            }
        }
        return json.append("\":");
    }

    private void close(final char bracket)
    {
        json.append(bracket);
    }
}
