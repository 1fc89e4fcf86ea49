package org.mptcpstat.cli.summary;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary as text and as JSON: the same figures, aligned, whatever the locale. */
class SummaryOutputTest
{
    @TempDir
    static Path dir;

    private static CampaignSummary summary;

    @BeforeAll
    static void summarise() throws IOException
    {
        summary = new CampaignSummary(0);
        for (final Path folder : AnalysedCaptures.into(dir.resolve("out")).folders())
        {
            summary.add(folder);
        }
    }

    @Test
    void shouldPrintEachTableWithItsFiguresAlignedOnTheRight()
    {
        final String text = SummaryPrinter.text(summary);

        final String[] tables = text.split("\n\n");
        assertEquals(9, tables.length, text);
        for (final String table : tables)
        {
            final List<String> lines = table.lines().toList();
            assertTrue(lines.size() >= 2, table);
            assertTrue(lines.stream().allMatch(line -> line.length() == lines.get(0).length()), table);
        }
        assertTrue(text.startsWith("Campaign "), text);
        assertTrue(lines(text, "captures ").matches("captures +14"), text);
        assertTrue(lines(text, "payload bytes ").matches("payload bytes +" + summary.payloadBytes(Direction.C2S) +
            " +" + summary.payloadBytes(Direction.S2C)), text);
    }

    /** @return the first line that starts with {@code start}. */
    private static String lines(final String text, final String start)
    {
        return text.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void shouldPrintTheSameTextInEveryLocale()
    {
        final Locale before = Locale.getDefault();
        final String root;
        final String german;
        try
        {
            Locale.setDefault(Locale.ROOT);
            root = SummaryPrinter.text(summary) + SummaryJson.of(summary);
            Locale.setDefault(Locale.GERMANY);
            german = SummaryPrinter.text(summary) + SummaryJson.of(summary);
        }
        finally
        {
            Locale.setDefault(before);
        }
        assertEquals(root, german);
        assertTrue(lines(root, "retransmission overhead").matches("retransmission overhead +[0-9]+\\.[0-9]{3}% +" +
            "[0-9]+\\.[0-9]{3}%"), root);
    }

    @Test
    void shouldShowOverheadsWithoutBytesAsDashAndNull()
    {
        final CampaignSummary empty = new CampaignSummary(0);

        assertTrue(lines(SummaryPrinter.text(empty), "reinjection overhead").matches("reinjection overhead +- +-"));
        final Map<?, ?> json = (Map<?, ?>)JsonReader.parse(SummaryJson.of(empty));
        assertNull(((Map<?, ?>)((Map<?, ?>)json.get("mptcp")).get("c2s")).get("reinjection_overhead"));
        assertEquals(List.of(), json.get("server_ports"));
    }

    @Test
    void shouldWriteTheSameFiguresAsOneJsonObject()
    {
        final Map<?, ?> json = (Map<?, ?>)JsonReader.parse(SummaryJson.of(summary));

        assertEquals(summary.captures(), json.get("captures"));
        assertEquals(summary.tcpConnections(), json.get("tcp_connections"));
        assertEquals(summary.mptcpConnections(), json.get("mptcp_connections"));
        assertEquals(summary.multipathConnections(), json.get("mptcp_multipath_connections"));
        for (final Direction direction : Direction.values())
        {
            final Map<?, ?> tcp = (Map<?, ?>)((Map<?, ?>)json.get("tcp")).get(direction.label());
            assertEquals(summary.payloadBytes(direction), tcp.get("payload_bytes"));
            assertEquals(summary.retransmissionOverhead(direction), tcp.get("retransmission_overhead"));
            final Map<?, ?> mptcp = (Map<?, ?>)((Map<?, ?>)json.get("mptcp")).get(direction.label());
            assertEquals(summary.uniqueDataBytes(direction), mptcp.get("unique_data_bytes"));
            final Map<?, ?> unknown = (Map<?, ?>)((Map<?, ?>)json.get("interface_bytes")).get("unknown");
            assertEquals(summary.interfaceBytes(InterfaceClass.UNKNOWN, direction), unknown.get(direction.label()));
        }
        final List<?> ports = (List<?>)json.get("server_ports");
        final CampaignSummary.PortTotals top = summary.topServerPorts(1).get(0);
        assertEquals(Map.of("port", (long)top.port(), "connections", top.connections(), "payload_bytes",
            top.payloadBytes()), ports.get(0));
        final Map<?, ?> subflows = (Map<?, ?>)json.get("subflows_per_connection");
        assertEquals(List.of("1", "2", "3", "4+"), List.copyOf(subflows.keySet()));
        assertEquals(Arrays.stream(summary.subflowDistribution()).boxed().toList(), List.copyOf(subflows.values()));
        assertEquals(summary.failedJoins(), json.get("failed_joins"));
        assertEquals(summary.fallbackReasons(), json.get("fallback_reasons"));
        assertEquals(summary.events(), json.get("events"));
    }
}
