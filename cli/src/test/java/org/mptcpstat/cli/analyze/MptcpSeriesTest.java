package org.mptcpstat.cli.analyze;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.FolderTableOutput;
import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.TestData;
import org.mptcpstat.emitters.table.TableFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analyze --series} on {@code fastclose.pcap}: ten MPTCP connections whose stalled readers
 * make the kernel reinject 91 packets, and no TCP retransmission. The series is held to the other
 * tables and to tshark's MPTCP analysis (golden file {@code fastclose.pcap.tshark-mptcp.tsv}).
 */
class MptcpSeriesTest
{
    private static final String CAPTURE = "fastclose.pcap";

    @TempDir
    static Path dir;

    private static Path all;
    private static List<Map<String, String>> series;
    private static Map<String, Map<String, String>> tcpByConnId;

    @BeforeAll
    static void analyseKeepingEverySeries() throws IOException
    {
        all = analyse("all", "--series-min-bytes", "0");
        series = CsvTable.read(all.resolve("mptcp_series.csv"));
        tcpByConnId = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(all.resolve("tcp_connections.csv")))
        {
            tcpByConnId.put(row.get("conn_id"), row);
        }
    }

    /** @return the folder of the capture's tables, analysed with {@code options} by the command line. */
    private static Path analyse(final String name, final String... options)
    {
        final List<String> args = new ArrayList<>(List.of("analyze", "-q", "-o", dir.resolve(name).toString()));
        args.addAll(List.of(options));
        run(args);
        return dir.resolve(name).resolve("fastclose");
    }

    /** @return what {@code mptcpstat} printed on standard output. */
    private static String run(final List<String> args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final List<String> withCapture = new ArrayList<>(args);
        withCapture.add(capture().toString());
        assertEquals(0, Main.run(withCapture.toArray(new String[0]), out, new PrintWriter(err, true)), err.toString());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Path capture()
    {
        return TestData.root().resolve("captures").resolve(CAPTURE);
    }

    private static List<Map<String, String>> data()
    {
        return series.stream().filter(row -> row.get("kind").equals("data")).toList();
    }

    private static long bytes(final Map<String, String> row)
    {
        return Long.parseLong(row.get("seq_end")) - Long.parseLong(row.get("seq_start"));
    }

    private static boolean reinjection(final Map<String, String> row)
    {
        return Long.parseLong(row.get("reinjected_bytes")) > 0;
    }

    @Test
    void shouldCarryEveryMappedByteOfEachSubflowAndDirectionWhenNothingWasRetransmitted() throws IOException
    {
        assertTrue(tcpByConnId.values().stream().allMatch(row ->
            row.get("c2s_retrans_bytes").equals("0") && row.get("s2c_retrans_bytes").equals("0")));
        final Map<String, Long> carried = data().stream().collect(Collectors.groupingBy(
            row -> row.get("mptcp_id") + "/" + row.get("subflow") + "/" + row.get("direction"),
            Collectors.summingLong(MptcpSeriesTest::bytes)));
        final Map<String, Long> mapped = new HashMap<>();
        for (final Map<String, String> subflow : CsvTable.read(all.resolve("mptcp_subflows.csv")))
        {
            for (final String direction : List.of("c2s", "s2c"))
            {
                final long bytes = Long.parseLong(subflow.get(direction + "_mapped_bytes"));
                if (bytes > 0)
                {
                    mapped.put(subflow.get("mptcp_id") + "/" + subflow.get("subflow") + "/" + direction, bytes);
                }
            }
        }

        assertEquals(mapped, carried);
    }

    @Test
    void shouldMarkAsReinjectionsThePacketsTsharkMarksReinjectionOfOnEachSubflow() throws IOException
    {
        final Map<String, Long> ourPackets = new HashMap<>();
        final Map<String, Long> ourBytes = new HashMap<>();
        for (final Map<String, String> row : data())
        {
            if (reinjection(row))
            {
                // None of this capture's joins was opened by the server: MPTCP and TCP directions agree.
                final String key = tcpByConnId.get(row.get("conn_id")).get("first_frame") + "/" + row.get("direction");
                ourPackets.merge(key, 1L, Long::sum);
                ourBytes.merge(key, bytes(row), Long::sum);
            }
        }
        final Map<String, Long> tsharkPackets = new HashMap<>();
        final Map<String, Long> tsharkBytes = new HashMap<>();
        for (final Map<String, String> stream : CsvTable.read(
            TestData.root().resolve("expected").resolve(CAPTURE + ".tshark-mptcp.tsv")))
        {
            assertEquals("0", stream.get("mptcp_reversed"));
            for (final String direction : List.of("c2s", "s2c"))
            {
                final long packets = Long.parseLong(stream.get(direction + "_reinjected_packets"));
                if (packets > 0)
                {
                    tsharkPackets.put(stream.get("first_frame") + "/" + direction, packets);
                    tsharkBytes.put(stream.get("first_frame") + "/" + direction,
                        Long.parseLong(stream.get(direction + "_reinjected_bytes")));
                }
            }
        }

        assertEquals(91, tsharkPackets.values().stream().mapToLong(Long::longValue).sum(), "testdata/README.md");
        assertEquals(tsharkPackets, ourPackets);
        assertEquals(tsharkBytes, ourBytes);
    }

    @Test
    void shouldFindEveryReinjectedPacketInAMappingOfMptcpReinjectionsAndEveryMappingAmongThePackets()
        throws IOException
    {
        final List<Map<String, String>> mappings = CsvTable.read(all.resolve("mptcp_reinjections.csv"));
        final List<Map<String, String>> packets = data().stream().filter(MptcpSeriesTest::reinjection).toList();

        for (final Map<String, String> packet : packets)
        {
            final long start = Long.parseLong(packet.get("dsn"));
            assertTrue(mappings.stream().anyMatch(mapping -> sameSubflowAndDirection(mapping, packet) &&
                Long.parseLong(mapping.get("dsn")) <= start &&
                start + bytes(packet) <= Long.parseLong(mapping.get("dsn")) + Long.parseLong(mapping.get("length"))),
                packet.toString());
        }
        for (final Map<String, String> mapping : mappings)
        {
            assertTrue(packets.stream().anyMatch(packet -> sameSubflowAndDirection(mapping, packet) &&
                packet.get("time").equals(mapping.get("time"))), mapping.toString());
        }
        assertFalse(mappings.isEmpty());
    }

    private static boolean sameSubflowAndDirection(final Map<String, String> mapping, final Map<String, String> packet)
    {
        return mapping.get("mptcp_id").equals(packet.get("mptcp_id")) &&
            mapping.get("direction").equals(packet.get("direction")) &&
            mapping.get("new_subflow").equals(packet.get("subflow"));
    }

    @Test
    void shouldRaiseTheDataAcksOfEachDirectionToTheDataAckSpanTsharkFinds() throws IOException
    {
        final Map<String, Long> highest = new HashMap<>();
        for (final Map<String, String> row : series)
        {
            if (row.get("kind").equals("data_ack"))
            {
                final String key = row.get("mptcp_id") + "/" + row.get("direction");
                final long acked = Long.parseLong(row.get("seq_start"));
                assertTrue(acked > highest.getOrDefault(key, Long.MIN_VALUE), "only new DATA_ACKs: " + row);
                highest.put(key, acked);
            }
        }
        final Map<String, String> mptcpIdByFirstFrame = new HashMap<>();
        for (final Map<String, String> subflow : CsvTable.read(all.resolve("mptcp_subflows.csv")))
        {
            mptcpIdByFirstFrame.put(tcpByConnId.get(subflow.get("conn_id")).get("first_frame"),
                subflow.get("mptcp_id"));
        }
        final Map<String, Long> tshark = new HashMap<>();
        for (final Map<String, String> stream : CsvTable.read(
            TestData.root().resolve("expected").resolve(CAPTURE + ".tshark-mptcp.tsv")))
        {
            for (final String direction : List.of("c2s", "s2c"))
            {
                tshark.put(mptcpIdByFirstFrame.get(stream.get("first_frame")) + "/" + direction,
                    Long.parseLong(stream.get("mptcp_" + direction + "_data_acked")));
            }
        }

        assertEquals(tshark, highest);
    }

    @Test
    void shouldWriteOnlyTheConnectionsWithAtLeastTheMinimumDataBytes() throws IOException
    {
        final Map<String, Long> dataBytes = new LinkedHashMap<>();
        for (final Map<String, String> row : CsvTable.read(all.resolve("mptcp_connections.csv")))
        {
            dataBytes.put(row.get("mptcp_id"),
                Long.parseLong(row.get("c2s_data_bytes")) + Long.parseLong(row.get("s2c_data_bytes")));
        }
        final long largest = dataBytes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        final long minimum = dataBytes.values().stream().mapToLong(Long::longValue).filter(b -> b < largest).max()
            .orElseThrow();

        final Path filtered = analyse("filtered", "--series-min-bytes", Long.toString(minimum));

        final Set<String> expected = dataBytes.entrySet().stream().filter(e -> e.getValue() >= minimum)
            .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(expected.size() > 1 && expected.size() < dataBytes.size(), expected.toString());
        assertEquals(expected, ids(CsvTable.read(filtered.resolve("mptcp_series.csv"))));
        assertEquals(series.stream().filter(row -> expected.contains(row.get("mptcp_id"))).toList(),
            CsvTable.read(filtered.resolve("mptcp_series.csv")));
    }

    private static Set<String> ids(final List<Map<String, String>> rows)
    {
        return rows.stream().map(row -> row.get("mptcp_id")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldWriteAnEmptySeriesWhenNoConnectionHasTheDefaultMegabyte() throws IOException
    {
        final Path defaults = analyse("defaults", "--series");

        assertEquals(List.of("mptcp_id,direction,kind,subflow,conn_id,interface,time,elapsed,dsn,seq_start,seq_end," +
            "reinjected_bytes,truncated"), Files.readAllLines(defaults.resolve("mptcp_series.csv")));
        assertTrue(Files.isRegularFile(defaults.resolve("mptcp_series.bin")));
    }

    @Test
    void shouldStreamTheSeriesToStandardOutputAndKeepItWhenItIsTheStreamedTable() throws IOException
    {
        final String streamed = run(List.of("analyze", "-q", "--series-min-bytes", "0", "--stdout", "mptcp_series"));
        final String alone = run(List.of("analyze", "-q", "--stdout", "mptcp_series"));

        assertEquals(Files.readString(all.resolve("mptcp_series.csv")), streamed);
        assertEquals(Files.readAllLines(all.resolve("mptcp_series.csv")).get(0) + "\n", alone,
            "the default minimum: no connection of a megabyte");
    }

    @Test
    void shouldWriteNoSeriesTableWithoutTheSeriesOption()
    {
        final Path plain = analyse("plain");

        assertTrue(Files.isRegularFile(plain.resolve("mptcp_connections.csv")));
        assertFalse(Files.exists(plain.resolve("mptcp_series.csv")));
        assertFalse(Files.exists(plain.resolve("mptcp_series.bin")));
    }

    @Test
    void shouldKeepTheFirstRowsOfAConnectionAndMarkThemTruncatedBeyondTheRowLimit() throws IOException
    {
        final int limit = 40;
        final Path folder = dir.resolve("limited");
        Analyzer.builder().series(true).seriesMinBytes(0).seriesMaxRows(limit).build().analyze(capture(),
            new FolderTableOutput(folder, EnumSet.of(TableFormat.CSV)));

        final List<Map<String, String>> limited = CsvTable.read(folder.resolve("mptcp_series.csv"));
        int truncated = 0;
        for (final String id : ids(series))
        {
            final List<Map<String, String>> full = series.stream().filter(row -> row.get("mptcp_id").equals(id))
                .map(row -> withTruncated(row, "0")).toList();
            final List<Map<String, String>> kept = limited.stream().filter(row -> row.get("mptcp_id").equals(id))
                .map(row -> withTruncated(row, "0")).toList();
            final boolean over = full.size() > limit;
            assertEquals(full.subList(0, Math.min(limit, full.size())), kept, id);
            assertTrue(limited.stream().filter(row -> row.get("mptcp_id").equals(id))
                .allMatch(row -> row.get("truncated").equals(over ? "1" : "0")), id);
            truncated += over ? 1 : 0;
        }
        assertTrue(truncated > 0 && truncated < ids(series).size(), "some connections have more rows, some fewer");
    }

    private static Map<String, String> withTruncated(final Map<String, String> row, final String value)
    {
        final Map<String, String> copy = new HashMap<>(row);
        copy.put("truncated", value);
        return copy;
    }
}
