package org.mptcpstat.cli.summary;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.emitters.table.BinaryTableReader;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.emitters.table.TableSinks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.cli.summary.AnalysedCaptures.number;
import static org.mptcpstat.cli.summary.AnalysedCaptures.sum;

/**
 * --since, --until and --server, and the SOCKS destination ports, checked against the same
 * selections made on the CSV twins.
 */
class SummaryFilterTest
{
    @TempDir
    static Path dir;

    private static AnalysedCaptures analysed;

    @BeforeAll
    static void analyse()
    {
        analysed = AnalysedCaptures.into(dir.resolve("out"));
    }

    private static CampaignSummary summaryOf(final AnalysedCaptures captures, final SummaryFilter filter)
        throws IOException
    {
        final CampaignSummary summary = new CampaignSummary(0, filter);
        for (final Path folder : captures.folders())
        {
            summary.add(folder);
        }
        return summary;
    }

    private static String key(final Map<String, String> row)
    {
        return row.get("capture") + "/" + row.get("mptcp_id");
    }

    /** Checks the connection counts and byte sums of a filtered summary against the CSV rows the filter should keep. */
    private static void assertKeeps(final CampaignSummary summary, final Predicate<Map<String, String>> tcpKept,
        final Predicate<Map<String, String>> mptcpKept) throws IOException
    {
        final List<Map<String, String>> tcp = analysed.rows("tcp_connections").stream().filter(tcpKept).toList();
        final List<Map<String, String>> mptcp = analysed.rows("mptcp_connections").stream().filter(mptcpKept).toList();
        assertEquals(tcp.size(), summary.tcpConnections());
        assertEquals(mptcp.size(), summary.mptcpConnections());
        for (final Direction direction : Direction.values())
        {
            final String d = direction.label() + "_";
            assertEquals(sum(tcp, d + "packets"), summary.packets(direction), d + "packets");
            assertEquals(sum(tcp, d + "payload_bytes"), summary.payloadBytes(direction), d + "payload_bytes");
            assertEquals(sum(tcp, d + "retrans_bytes"), summary.retransBytes(direction), d + "retrans_bytes");
            assertEquals(sum(mptcp, d + "data_bytes"), summary.dataBytes(direction), d + "data_bytes");
        }
        final Set<String> kept = mptcp.stream().map(SummaryFilterTest::key).collect(Collectors.toSet());
        final Map<String, Long> events = new HashMap<>();
        analysed.rows("mptcp_events").stream().filter(row -> kept.contains(key(row)))
            .forEach(row -> events.merge(row.get("type"), 1L, Long::sum));
        assertEquals(events, summary.events().entrySet().stream().filter(e -> e.getValue() != 0)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void shouldKeepOnlyConnectionsThatStartedWithinSinceAndUntil() throws IOException
    {
        final List<BigDecimal> starts = analysed.rows("tcp_connections").stream()
            .map(row -> new BigDecimal(row.get("first_time"))).sorted().toList();
        // One window in the middle of the campaign, its bounds on connections' own first_time.
        final BigDecimal since = starts.get(starts.size() / 4);
        final BigDecimal until = starts.get(starts.size() * 3 / 4);
        final Predicate<Map<String, String>> inWindow = row -> !row.get("first_time").isEmpty() &&
            new BigDecimal(row.get("first_time")).compareTo(since) >= 0 &&
            new BigDecimal(row.get("first_time")).compareTo(until) < 0;

        final CampaignSummary window = summaryOf(analysed,
            new SummaryFilter(since.toPlainString(), until.toPlainString(), List.of()));

        assertKeeps(window, inWindow, inWindow);
        assertTrue(window.tcpConnections() > 0 && window.mptcpConnections() > 0, "the window holds connections");
        assertTrue(window.tcpConnections() < analysed.rows("tcp_connections").size(), "the window leaves some out");

        final CampaignSummary sinceOnly = summaryOf(analysed,
            new SummaryFilter(since.toPlainString(), null, List.of()));
        final Predicate<Map<String, String>> after = row -> new BigDecimal(row.get("first_time")).compareTo(since) >= 0;
        assertKeeps(sinceOnly, after, after);
    }

    @Test
    void shouldKeepOnlyConnectionsToTheServerPrefixes() throws IOException
    {
        // 203.0.113.11 as a plain address, the IPv6 server by its /64.
        final Predicate<String> server = addr -> addr.equals("203.0.113.11") || addr.startsWith("2001:db8:100::");
        final Set<String> mptcpToServer = analysed.rows("mptcp_subflows").stream()
            .filter(row -> server.test(row.get("server_addr"))).map(SummaryFilterTest::key).collect(Collectors.toSet());

        final CampaignSummary summary = summaryOf(analysed,
            new SummaryFilter(null, null, List.of("203.0.113.11", "2001:db8:100::/64")));

        assertKeeps(summary, row -> server.test(row.get("server_addr")), row -> mptcpToServer.contains(key(row)));
        assertTrue(summary.mptcpConnections() > 0, "some MPTCP connections have a subflow to those servers");
        assertTrue(summary.tcpConnections() < analysed.rows("tcp_connections").size());
        assertEquals(0, summaryOf(analysed, new SummaryFilter(null, null, List.of("192.0.2.0/24"))).tcpConnections());
    }

    @Test
    void shouldRejectBadTimesAndPrefixesInOneLine()
    {
        assertEquals("--since must be epoch seconds, not 'yesterday'",
            assertThrows(IllegalArgumentException.class, () -> new SummaryFilter("yesterday", null, List.of()))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SummaryFilter("2", "1", List.of()))
            .getMessage().startsWith("--since 2 is after --until 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SummaryFilter(null, null,
            List.of("10.0.0.0/33"))).getMessage().startsWith("--server: "));
        assertEquals(1_795_868_931_544_618_000L, SummaryFilter.nanos("--since", "1795868931.544618"));
    }

    @Test
    void shouldCountConnectionsAndPayloadPerSocksDestinationPort() throws IOException
    {
        // The committed captures hold no SOCKS request: give some connections of a copy one.
        final AnalysedCaptures socks = withSocksPorts(dir.resolve("socks"));
        final CampaignSummary summary = summaryOf(socks, SummaryFilter.NONE);
        final List<Map<String, String>> rows = socks.rows("tcp_connections").stream()
            .filter(row -> !row.get("socks_port").isEmpty()).toList();
        final Map<String, List<Map<String, String>>> byPort = rows.stream()
            .collect(Collectors.groupingBy(row -> row.get("socks_port")));

        final List<CampaignSummary.SocksPortTotals> top = summary.topSocksPorts(10);

        assertEquals(byPort.size(), top.size());
        assertTrue(top.size() >= 2, top.toString());
        for (final CampaignSummary.SocksPortTotals port : top)
        {
            final List<Map<String, String>> of = byPort.get(Long.toString(port.port()));
            assertEquals(of.size(), port.connections(), "port " + port.port());
            assertEquals(sum(of, "c2s_payload_bytes"), port.payloadBytes(Direction.C2S), "port " + port.port());
            assertEquals(sum(of, "s2c_payload_bytes"), port.payloadBytes(Direction.S2C), "port " + port.port());
        }
        for (int i = 1; i < top.size(); i++)
        {
            assertTrue(top.get(i - 1).connections() >= top.get(i).connections(), "most connections first");
        }
        assertEquals(1, summary.topSocksPorts(1).size());
        final String text = SummaryPrinter.text(summary);
        assertTrue(text.contains("\nSOCKS destination ports (top 10)  connections  c2s payload bytes  " +
            "s2c payload bytes\n"), text);
        assertTrue(SummaryJson.of(summary).contains("\"socks_ports\":[{\"port\":" + top.get(0).port() +
            ",\"connections\":" + top.get(0).connections() + ","), SummaryJson.of(summary));

        final CampaignSummary none = summaryOf(analysed, SummaryFilter.NONE);
        assertEquals(List.of(), none.topSocksPorts(10));
        assertFalse(SummaryPrinter.text(none).contains("SOCKS"), "no SOCKS rows without SOCKS destinations");
        assertTrue(SummaryJson.of(none).contains("\"socks_ports\":[],"));
    }

    /**
     * Copies the analysed captures, rewriting each tcp_connections table (.bin and its .csv twin,
     * through the emitters' own sinks) with socks_port 443 for even conn_ids, 8080 for conn_ids
     * of 1 mod 3, none otherwise.
     */
    private static AnalysedCaptures withSocksPorts(final Path output) throws IOException
    {
        for (final Path source : analysed.folders())
        {
            final Path copy = Files.createDirectories(output.resolve(source.getFileName()));
            try (Stream<Path> files = Files.list(source))
            {
                for (final Path file : files.toList())
                {
                    if (!file.getFileName().toString().startsWith("tcp_connections."))
                    {
                        Files.copy(file, copy.resolve(file.getFileName()));
                    }
                }
            }
            try (BinaryTableReader reader = BinaryTableReader.open(source.resolve("tcp_connections.bin")))
            {
                final RowSink sink = TableSinks.open(copy, reader.schema(), EnumSet.of(TableFormat.CSV,
                    TableFormat.BIN), reader.timeDecimals());
                reader.replay(new SocksRewriter(sink, reader.schema().indexOf("conn_id"),
                    reader.schema().indexOf("socks_port")));
                sink.commit();
                sink.close();
            }
        }
        return AnalysedCaptures.of(output);
    }

    /** Passes every cell on, but for socks_port, chosen from the row's conn_id. */
    private static final class SocksRewriter implements RowSink
    {
        private final RowSink sink;
        private final int connId;
        private final int socksPort;
        private int column;
        private long id;

        SocksRewriter(final RowSink sink, final int connId, final int socksPort)
        {
            this.sink = sink;
            this.connId = connId;
            this.socksPort = socksPort;
        }

        /** @return whether this cell is socks_port, which was then written instead. */
        private boolean socks() throws IOException
        {
            if (column++ != socksPort)
            {
                return false;
            }
            if (id % 2 == 0)
            {
                sink.putLong(443);
            }
            else if (id % 3 == 1)
            {
                sink.putLong(8080);
            }
            else
            {
                sink.putNull();
            }
            return true;
        }

        @Override
        public void beginRow() throws IOException
        {
            column = 0;
            sink.beginRow();
        }

        @Override
        public void putLong(final long value) throws IOException
        {
            if (column == connId)
            {
                id = value;
            }
            if (!socks())
            {
                sink.putLong(value);
            }
        }

        @Override
        public void putDouble(final double value) throws IOException
        {
            if (!socks())
            {
                sink.putDouble(value);
            }
        }

        @Override
        public void putNanos(final long nanos) throws IOException
        {
            if (!socks())
            {
                sink.putNanos(nanos);
            }
        }

        @Override
        public void putAddress(final int ipVersion, final long high, final long low) throws IOException
        {
            if (!socks())
            {
                sink.putAddress(ipVersion, high, low);
            }
        }

        @Override
        public void putEnum(final int labelIndex) throws IOException
        {
            if (!socks())
            {
                sink.putEnum(labelIndex);
            }
        }

        @Override
        public void putBoolean(final boolean value) throws IOException
        {
            if (!socks())
            {
                sink.putBoolean(value);
            }
        }

        @Override
        public void putNull() throws IOException
        {
            if (!socks())
            {
                sink.putNull();
            }
        }

        @Override
        public void endRow() throws IOException
        {
            sink.endRow();
        }

        @Override
        public void commit()
        {
        }

        @Override
        public void abort()
        {
        }

        @Override
        public void close()
        {
        }
    }
}
