package org.mptcpstat.cli.analyze;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * tcp_connections must agree with tcptrace ({@code tcptrace -l -r -n --csv}, golden files written
 * by {@code testdata/reference.sh}) connection by connection: packets, payload and unique bytes,
 * data packets, retransmitted packets and bytes, RTT samples, min and max at tcptrace's 0.1 ms
 * precision, the average within 5% from 10 samples, and the other counters both tools define alike.
 * <p>
 * tcptrace's own bugs are listed in {@link #TCPTRACE_BUGS} and not held against mptcpstat;
 * where tcptrace splits a 4-tuple into more connections than mptcpstat (it splits on a SYN after
 * a RST even when the SYN is a copy of the first), the connections' packets are compared in sum.
 */
class TcptraceGoldenFileTest
{
    /** Pairs of (tcptrace column without _a2b/_b2a, tcp_connections column without c2s_/s2c_). */
    private static final String[][] SAME_DIRECTION = {
        { "total_packets", "packets" }, { "actual_data_bytes", "payload_bytes" },
        { "unique_bytes_sent", "unique_bytes" }, { "actual_data_pkts", "data_packets" },
        { "rexmt_data_pkts", "retrans_packets" }, { "rexmt_data_bytes", "retrans_bytes" },
        { "RTT_samples", "rtt_samples" }, { "pure_acks_sent", "pure_acks" }, { "outoforder_pkts", "out_of_order_packets" },
        { "zwnd_probe_pkts", "zero_window_probes" }, { "pushed_data_pkts", "pushed_packets" },
        { "sack_pkts_sent", "sack_packets" }, { "dsack_pkts_sent", "dsacks" }, { "zero_win_adv", "zero_window_adverts" },
        { "truncated_packets", "truncated_packets" }, { "max_segm_size", "max_segment" },
        { "min_segm_size", "min_segment" } };

    /** tcptrace counts the duplicate ACKs a direction received; tcp_connections those it sent. */
    private static final String[][] OPPOSITE_DIRECTION = { { "duplicate_acks", "dup_acks" } };

    private static final Map<String, String> TCPTRACE_BUGS = Map.of(
        "iperf-mptcp-0-0.pcap#3", "tcptrace processes the previous packet again for every non-IPv4 PPP frame");

    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldAgreeWithTcptraceOnEveryCommittedCapture() throws IOException
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path capture : TestData.capturesIn(TestData.root().resolve("captures")))
        {
            final Path golden = TestData.root().resolve("expected").resolve(capture.getFileName() + ".tcptrace.csv");
            if (Files.exists(golden))
            {
                tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> compare(capture, golden)));
            }
        }
        assertFalse(tests.isEmpty(), "no tcptrace golden file in testdata/expected");
        return tests;
    }

    @TestFactory
    List<DynamicTest> shouldAgreeWithTcptraceOnThePublicV0Captures() throws IOException
    {
        final Path shared = TestData.sharedPublicV0();
        Assumptions.assumeTrue(Files.isDirectory(shared), "no shared captures at " + shared);
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path capture : TestData.capturesIn(shared))
        {
            final Path golden = TestData.root().resolve("expected/public-v0").resolve(capture.getFileName() + ".tcptrace.csv");
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> compare(capture, golden)));
        }
        return tests;
    }

    private void compare(final Path capture, final Path golden) throws IOException
    {
        final String name = capture.getFileName().toString();
        final List<Map<String, String>> ours = AnalyzedCapture.connections(capture, output.resolve(name));
        final Map<String, List<Map<String, String>>> oursByTuple = AnalyzedCapture.byTuple(ours);
        final List<Map<String, String>> theirs = CsvTable.read(golden);
        final Map<String, List<Map<String, String>>> theirsByTuple = new HashMap<>();
        for (final Map<String, String> row : theirs)
        {
            theirsByTuple.computeIfAbsent(AnalyzedCapture.tuple(row.get("host_a"), row.get("port_a"), row.get("host_b"),
                row.get("port_b")), k -> new ArrayList<>()).add(row);
        }
        final List<String> differences = new ArrayList<>();
        for (final Map.Entry<String, List<Map<String, String>>> entry : theirsByTuple.entrySet())
        {
            final List<Map<String, String>> mine = oursByTuple.getOrDefault(entry.getKey(), List.of());
            if (mine.size() == entry.getValue().size())
            {
                for (final Map<String, String> tcptrace : entry.getValue())
                {
                    compareConnection(name, tcptrace, match(tcptrace, mine), differences);
                }
            }
            else if (packets(mine, "c2s_packets", "s2c_packets") != packets(entry.getValue(), "total_packets_a2b",
                "total_packets_b2a"))
            {
                differences.add(entry.getKey() + ": packets in " + mine.size() + " vs " + entry.getValue().size() +
                    " connections differ");
            }
        }
        if (!differences.isEmpty())
        {
            fail(differences.size() + " differences from tcptrace in " + name + ":\n" +
                String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    private static Map<String, String> match(final Map<String, String> tcptrace, final List<Map<String, String>> mine)
    {
        // tcptrace prints "%lu.%lu": the microseconds are not zero-padded.
        final String[] parts = tcptrace.get("first_packet").split("\\.");
        return AnalyzedCapture.startingAt(Long.parseLong(parts[0]) * 1_000_000L + Long.parseLong(parts[1]), mine);
    }

    private static void compareConnection(final String name, final Map<String, String> tcptrace,
        final Map<String, String> ours, final List<String> differences) throws IOException
    {
        final String id = name + "#" + tcptrace.get("conn_#");
        if (TCPTRACE_BUGS.containsKey(id))
        {
            return;
        }
        if (ours == null)
        {
            differences.add(id + ": no connection starting at " + tcptrace.get("first_packet"));
            return;
        }
        final boolean clientIsA = AnalyzedCapture.clientIs(ours, tcptrace.get("host_a"), tcptrace.get("port_a"));
        for (int side = 0; side < 2; side++)
        {
            final String mine = side == 0 ? "c2s_" : "s2c_";
            final String theirs = (side == 0) == clientIsA ? "_a2b" : "_b2a";
            final String opposite = (side == 0) == clientIsA ? "_b2a" : "_a2b";
            for (final String[] pair : SAME_DIRECTION)
            {
                check(id, pair[0] + theirs, tcptrace.get(pair[0] + theirs), mine + pair[1], ours.get(mine + pair[1]),
                    differences);
            }
            for (final String[] pair : OPPOSITE_DIRECTION)
            {
                check(id, pair[0] + opposite, tcptrace.get(pair[0] + opposite), mine + pair[1], ours.get(mine + pair[1]),
                    differences);
            }
            checkRtt(id, theirs, tcptrace, mine, ours, differences);
        }
    }

    private static void check(final String id, final String theirName, final String theirs, final String ourName,
        final String ours, final List<String> differences)
    {
        final String value = ours == null || ours.isEmpty() ? "0" : ours;
        if (!value.equals(theirs))
        {
            differences.add(id + ": " + ourName + " = " + value + " but tcptrace " + theirName + " = " + theirs);
        }
    }

    private static void checkRtt(final String id, final String theirs, final Map<String, String> tcptrace,
        final String mine, final Map<String, String> ours, final List<String> differences)
    {
        for (final String[] pair : new String[][] { { "RTT_min", "rtt_min_us" }, { "RTT_max", "rtt_max_us" } })
        {
            final double tcptraceMillis = Double.parseDouble(tcptrace.get(pair[0] + theirs));
            final double ourMillis = millis(ours.get(mine + pair[1]));
            if (Math.abs(tcptraceMillis - ourMillis) > 0.05 + 1e-9)
            {
                differences.add(id + ": " + mine + pair[1] + " = " + ourMillis + " ms but tcptrace " + pair[0] + theirs +
                    " = " + tcptraceMillis);
            }
        }
        if (Long.parseLong(tcptrace.get("RTT_samples" + theirs)) >= 10)
        {
            final double tcptraceMillis = Double.parseDouble(tcptrace.get("RTT_avg" + theirs));
            final double ourMillis = millis(ours.get(mine + "rtt_avg_us"));
            if (Math.abs(tcptraceMillis - ourMillis) > Math.max(0.05 * tcptraceMillis, 0.05 + 1e-9))
            {
                differences.add(id + ": " + mine + "rtt_avg_us = " + ourMillis + " ms but tcptrace RTT_avg" + theirs +
                    " = " + tcptraceMillis);
            }
        }
    }

    private static double millis(final String micros)
    {
        return micros == null || micros.isEmpty() ? 0 : Double.parseDouble(micros) / 1000;
    }

    private static long packets(final List<Map<String, String>> rows, final String first, final String second)
    {
        long total = 0;
        for (final Map<String, String> row : rows)
        {
            total += Long.parseLong(row.get(first)) + Long.parseLong(row.get(second));
        }
        return total;
    }
}
