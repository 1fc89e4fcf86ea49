package org.mptcpstat.cli.summary;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.cli.summary.AnalysedCaptures.count;
import static org.mptcpstat.cli.summary.AnalysedCaptures.number;
import static org.mptcpstat.cli.summary.AnalysedCaptures.sum;

/** The summary of the committed captures, read from the .bin tables, against the same figures computed from the CSV twins. */
class CampaignSummaryTest
{
    private static final long MIN_BYTES = 1000;

    @TempDir
    static Path dir;

    private static AnalysedCaptures analysed;
    private static CampaignSummary all;
    private static CampaignSummary large;

    @BeforeAll
    static void summarise() throws IOException
    {
        analysed = AnalysedCaptures.into(dir.resolve("out"));
        all = summaryOf(0);
        large = summaryOf(MIN_BYTES);
    }

    private static CampaignSummary summaryOf(final long minBytes) throws IOException
    {
        final CampaignSummary summary = new CampaignSummary(minBytes);
        for (final Path folder : analysed.folders())
        {
            summary.add(folder);
        }
        return summary;
    }

    private static List<Map<String, String>> tcpConnections(final long minBytes) throws IOException
    {
        return analysed.rows("tcp_connections").stream()
            .filter(row -> number(row, "c2s_payload_bytes") + number(row, "s2c_payload_bytes") >= minBytes)
            .toList();
    }

    private static List<Map<String, String>> mptcpConnections(final long minBytes) throws IOException
    {
        return analysed.rows("mptcp_connections").stream()
            .filter(row -> number(row, "c2s_data_bytes") + number(row, "s2c_data_bytes") >= minBytes)
            .toList();
    }

    /** Rows of a table that belong to the given MPTCP connections. */
    private static List<Map<String, String>> ofConnections(final String table, final List<Map<String, String>> mptcp)
        throws IOException
    {
        final Set<String> ids = mptcp.stream().map(CampaignSummaryTest::connectionKey).collect(Collectors.toSet());
        return analysed.rows(table).stream().filter(row -> ids.contains(connectionKey(row))).toList();
    }

    private static String connectionKey(final Map<String, String> row)
    {
        return row.get("capture") + "/" + row.get("mptcp_id");
    }

    private static Map<String, Long> countBy(final List<Map<String, String>> rows, final String column)
    {
        final Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.merge(row.get(column), 1L, Long::sum));
        return counts;
    }

    /** The summary lists every label; the CSV only those that occur. */
    private static Map<String, Long> withoutZeros(final Map<String, Long> counts)
    {
        return counts.entrySet().stream().filter(e -> e.getValue() != 0)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void shouldCountEveryCaptureFolderAndEveryConnectionRow() throws IOException
    {
        assertEquals(14, all.captures());
        assertEquals(analysed.folders().size(), all.captures());
        assertEquals(analysed.rows("tcp_connections").size(), all.tcpConnections());
        assertEquals(analysed.rows("mptcp_connections").size(), all.mptcpConnections());
        assertTrue(all.mptcpConnections() > 0, "the captures hold MPTCP connections");
    }

    @Test
    void shouldSumPacketsPayloadAndRetransmittedBytesPerDirectionAsTheCsvColumns() throws IOException
    {
        for (final CampaignSummary summary : List.of(all, large))
        {
            final List<Map<String, String>> rows = tcpConnections(summary.minBytes());
            assertEquals(rows.size(), summary.tcpConnections());
            for (final Direction direction : Direction.values())
            {
                final String d = direction.label() + "_";
                assertEquals(sum(rows, d + "packets"), summary.packets(direction), d + "packets");
                assertEquals(sum(rows, d + "payload_bytes"), summary.payloadBytes(direction), d + "payload_bytes");
                assertEquals(sum(rows, d + "retrans_bytes"), summary.retransBytes(direction), d + "retrans_bytes");
                assertEquals((double)sum(rows, d + "retrans_bytes") / sum(rows, d + "payload_bytes"),
                    summary.retransmissionOverhead(direction), 1e-12);
            }
        }
        assertTrue(large.tcpConnections() < all.tcpConnections(), "--min-bytes leaves some connections out");
    }

    @Test
    void shouldSumMptcpDataLevelAndInterfaceBytesPerDirectionAsTheCsvColumns() throws IOException
    {
        for (final CampaignSummary summary : List.of(all, large))
        {
            final List<Map<String, String>> rows = mptcpConnections(summary.minBytes());
            assertEquals(rows.size(), summary.mptcpConnections());
            for (final Direction direction : Direction.values())
            {
                final String d = direction.label() + "_";
                assertEquals(sum(rows, d + "data_bytes"), summary.dataBytes(direction), d + "data_bytes");
                assertEquals(sum(rows, d + "unique_data_bytes"), summary.uniqueDataBytes(direction));
                assertEquals(sum(rows, d + "reinjected_bytes"), summary.reinjectedBytes(direction));
                assertEquals((double)sum(rows, d + "reinjected_bytes") / sum(rows, d + "data_bytes"),
                    summary.reinjectionOverhead(direction), 1e-12);
                assertEquals(sum(rows, d + "wifi_bytes"), summary.interfaceBytes(InterfaceClass.WIFI, direction));
                assertEquals(sum(rows, d + "cellular_bytes"),
                    summary.interfaceBytes(InterfaceClass.CELLULAR, direction));
                assertEquals(sum(rows, d + "unknown_interface_bytes"),
                    summary.interfaceBytes(InterfaceClass.UNKNOWN, direction));
            }
        }
        assertTrue(large.mptcpConnections() < all.mptcpConnections(), "--min-bytes leaves some connections out");
    }

    @Test
    void shouldCountConnectionsWithTwoSubflowsThatCarriedData() throws IOException
    {
        for (final CampaignSummary summary : List.of(all, large))
        {
            final Map<String, Long> dataSubflows = new HashMap<>();
            for (final Map<String, String> row : ofConnections("mptcp_subflows", mptcpConnections(summary.minBytes())))
            {
                if (number(row, "c2s_mapped_bytes") + number(row, "s2c_mapped_bytes") > 0)
                {
                    dataSubflows.merge(connectionKey(row), 1L, Long::sum);
                }
            }
            assertEquals(dataSubflows.values().stream().filter(n -> n >= 2).count(), summary.multipathConnections());
        }
        assertTrue(all.multipathConnections() > 0, "some captures use two paths");
    }

    @Test
    void shouldCountFailedJoinsAsSubflowsWhoseFailureReasonIsNotNone() throws IOException
    {
        for (final CampaignSummary summary : List.of(all, large))
        {
            final List<Map<String, String>> failed = ofConnections("mptcp_subflows",
                mptcpConnections(summary.minBytes())).stream()
                .filter(row -> !row.get("failure_reason").equals("none")).toList();
            assertEquals(countBy(failed, "failure_reason"), withoutZeros(summary.failedJoins()));
            assertFalse(summary.failedJoins().containsKey("none"));
        }
        assertTrue(all.failedJoins().values().stream().mapToLong(Long::longValue).sum() > 0,
            "refused-join.pcap has a failed join");
    }

    @Test
    void shouldCountFallbackReasonsAndEventTypesAsTheCsvRows() throws IOException
    {
        for (final CampaignSummary summary : List.of(all, large))
        {
            final List<Map<String, String>> mptcp = mptcpConnections(summary.minBytes());
            assertEquals(countBy(mptcp, "fallback_reason"), withoutZeros(summary.fallbackReasons()));
            assertEquals(countBy(ofConnections("mptcp_events", mptcp), "type"), withoutZeros(summary.events()));
        }
        assertTrue(all.events().get("ADD_ADDR") > 0, "add-addr.pcap announces addresses");
    }

    @Test
    void shouldDistributeMptcpConnectionsByTheirNumberOfSubflows() throws IOException
    {
        final long[] expected = new long[4];
        for (final Map<String, String> row : mptcpConnections(0))
        {
            expected[(int)Math.min(Math.max(number(row, "subflows"), 1), 4) - 1]++;
        }
        assertArrayEquals(expected, all.subflowDistribution());
    }

    @Test
    void shouldRankServerPortsByConnectionsWithTheirPayloadBytes() throws IOException
    {
        final List<Map<String, String>> rows = tcpConnections(0);
        final Map<String, Long> connections = countBy(rows, "server_port");
        final List<CampaignSummary.PortTotals> top = all.topServerPorts(10);

        assertEquals(Math.min(10, connections.size()), top.size());
        for (final CampaignSummary.PortTotals port : top)
        {
            final String name = Integer.toString(port.port());
            assertEquals(connections.get(name), port.connections(), name);
            assertEquals(rows.stream().filter(row -> row.get("server_port").equals(name))
                .mapToLong(row -> number(row, "c2s_payload_bytes") + number(row, "s2c_payload_bytes")).sum(),
                port.payloadBytes(), name);
        }
        for (int i = 1; i < top.size(); i++)
        {
            assertTrue(top.get(i - 1).connections() >= top.get(i).connections(), "most connections first");
        }
        assertEquals(1, all.topServerPorts(1).size());
    }

    @Test
    void shouldAddNothingFromACaptureFolderWithADamagedTable() throws IOException
    {
        final Path source = analysed.folders().get(0);
        final Path damaged = Files.createDirectories(dir.resolve("damaged").resolve(source.getFileName()));
        try (Stream<Path> files = Files.list(source))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, damaged.resolve(file.getFileName()));
            }
        }
        final byte[] events = Files.readAllBytes(damaged.resolve("mptcp_events.bin"));
        Files.write(damaged.resolve("mptcp_events.bin"), Arrays.copyOf(events, events.length - 1));
        final CampaignSummary summary = new CampaignSummary(0);

        final IOException ex = assertThrows(IOException.class, () -> summary.add(damaged));

        assertTrue(ex.getMessage().startsWith("mptcp_events.bin: "), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
        assertEquals(0, summary.captures());
        assertEquals(0, summary.mptcpConnections(), "the tables read before the damaged one add nothing");
        Files.delete(damaged.resolve("mptcp_events.bin"));
        assertEquals("no mptcp_events.bin", assertThrows(IOException.class, () -> summary.add(damaged)).getMessage());
    }
}
