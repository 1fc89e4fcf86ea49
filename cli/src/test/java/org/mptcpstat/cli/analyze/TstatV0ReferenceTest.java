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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On the public MPTCP v0 captures, {@code --compat tstat} writes what tstat 3.3.0 wrote
 * ({@code ../shared/captures/reference/tstat/}): the same folder name, the same header lines,
 * the same connections in the same log, and the same core columns, except for the differences
 * listed in {@link #KNOWN_DIFFERENCES}, each explained in docs/COMPAT.md. Both a new difference
 * and a listed one that went away fail the test.
 */
class TstatV0ReferenceTest
{
    private static final String HOLE_FILLERS =
        "tstat counts some segments filling a hole as retransmissions, mptcpstat as out of sequence";
    private static final String AFTER_CLOSE = "tstat ignores the packets after a RST or the last FIN's ACK";
    private static final String SPLIT_AT_RST = "tstat ends the connection at the RST and opens another at the resent SYN";
    private static final String PPP_BUG = "tstat, like tcptrace, counts a packet again after each non-IPv4 PPP frame";
    /** The cell of a tstat row that mptcpstat has no row for. */
    private static final String UNMATCHED_ROW = "row";

    /** capture, client port, why, differing columns. */
    private static final List<KnownDifference> KNOWN_DIFFERENCES = List.of(
        new KnownDifference("client_2", "35031", HOLE_FILLERS,
            "c_bytes_uniq", "c_pkts_retx", "c_bytes_retx", "c_pkts_ooo"),
        new KnownDifference("client_2", "59484", HOLE_FILLERS,
            "c_bytes_uniq", "c_pkts_retx", "c_bytes_retx", "c_pkts_ooo"),
        new KnownDifference("server_2", "35031", HOLE_FILLERS,
            "c_bytes_uniq", "c_pkts_retx", "c_bytes_retx", "c_pkts_ooo"),
        new KnownDifference("server_2", "59484", HOLE_FILLERS,
            "c_bytes_uniq", "c_pkts_retx", "c_bytes_retx", "c_pkts_ooo"),
        new KnownDifference("client_2", "54007", AFTER_CLOSE, "c_pkts_all", "c_ack_cnt", "c_bytes_uniq", "c_pkts_data",
            "c_bytes_all", "c_pkts_retx", "c_bytes_retx", "c_pkts_ooo", "s_pkts_all", "s_rst_cnt", "last", "durat",
            "c_last"),
        new KnownDifference("server_2", "54007", AFTER_CLOSE, "c_pkts_all", "c_ack_cnt", "c_bytes_uniq", "c_pkts_data",
            "c_bytes_all", "c_pkts_ooo", "s_pkts_all", "s_rst_cnt", "last", "durat", "c_last"),
        new KnownDifference("client_2", "59488", AFTER_CLOSE, "c_pkts_all", "c_ack_cnt", "c_bytes_uniq", "c_pkts_data",
            "c_bytes_all", "s_pkts_all", "s_rst_cnt", "last", "durat", "c_last"),
        new KnownDifference("server_2", "59488", AFTER_CLOSE, "c_pkts_all", "c_ack_cnt", "c_bytes_uniq", "c_pkts_data",
            "c_bytes_all", "s_pkts_all", "s_rst_cnt", "last", "durat", "c_last"),
        new KnownDifference("server_2", "49807", AFTER_CLOSE, "c_pkts_all", "c_ack_cnt", "c_ack_cnt_p", "last", "durat"),
        new KnownDifference("client_2", "60453", SPLIT_AT_RST, TstatLogs.LOG, UNMATCHED_ROW, "c_pkts_all", "c_ack_cnt",
            "c_ack_cnt_p", "c_pkts_retx", "c_syn_cnt", "s_pkts_all", "s_rst_cnt", "s_ack_cnt", "s_ack_cnt_p",
            "s_syn_cnt", "last", "durat", "s_first_ack"),
        new KnownDifference("iperf-mptcp-0-0", "49078", PPP_BUG, "c_pkts_all", "c_ack_cnt", "c_pkts_data",
            "c_bytes_all", "c_pkts_retx", "c_bytes_retx", "s_pkts_all", "s_ack_cnt", "s_ack_cnt_p"));

    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldWriteWhatTstatWroteOnThePublicV0Captures() throws IOException
    {
        final Path reference = TestData.sharedPublicV0().getParent().resolve("reference/tstat");
        Assumptions.assumeTrue(Files.isDirectory(reference), "no tstat reference at " + reference);
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String capture : List.of("client_2", "server_2", "iperf-mptcp-0-0"))
        {
            tests.add(DynamicTest.dynamicTest(capture, () -> compare(capture, reference.resolve(capture).resolve("out"))));
        }
        return tests;
    }

    private void compare(final String capture, final Path reference) throws IOException
    {
        final Path folder = output.resolve(capture);
        TstatLogs.analyze(TestData.sharedPublicV0().resolve(capture + ".pcap"), folder);
        final Path ours = TstatLogs.logFolder(folder);
        final Path theirs = TstatLogs.logFolder(reference);
        assertEquals(theirs.getFileName(), ours.getFileName(), "folder named after the first packet's minute");
        for (final String log : List.of(TstatLogs.COMPLETE, TstatLogs.NOCOMPLETE))
        {
            assertEquals(Files.readAllLines(theirs.resolve(log)).get(0), Files.readAllLines(ours.resolve(log)).get(0),
                log + " header");
        }
        final List<String> coreColumns = TstatLogs.columns(Files.readAllLines(theirs.resolve(TstatLogs.NOCOMPLETE)).get(0));
        final List<Map<String, String>> ourRows = TstatLogs.rows(ours);
        final Set<String> differences = new TreeSet<>();
        for (final Map<String, String> tstat : TstatLogs.rows(theirs))
        {
            final String connection = capture + " " + tstat.get("c_port") + " ";
            final Map<String, String> row = sameConnection(tstat, ourRows);
            if (row == null)
            {
                differences.add(connection + UNMATCHED_ROW);
                continue;
            }
            ourRows.remove(row);
            for (final String column : coreColumns)
            {
                // "-": a column mptcpstat does not measure (docs/COMPAT.md).
                if (!row.get(column).equals("-") && !row.get(column).equals(tstat.get(column)))
                {
                    differences.add(connection + column);
                }
            }
            if (!row.get(TstatLogs.LOG).equals(tstat.get(TstatLogs.LOG)))
            {
                differences.add(connection + TstatLogs.LOG);
            }
        }
        assertEquals(List.of(), ourRows, "connections that tstat did not log");
        assertEquals(expected(capture), differences, "differing cells (capture, client port, column); known: " +
            KNOWN_DIFFERENCES.stream().filter(k -> k.capture().equals(capture))
                .map(k -> k.clientPort() + ": " + k.why()).toList());
    }

    /** @return our row with tstat's endpoints and first packet, or null. */
    private static Map<String, String> sameConnection(final Map<String, String> tstat, final List<Map<String, String>> rows)
    {
        for (final Map<String, String> row : rows)
        {
            if (row.get("first").equals(tstat.get("first")) && row.get("c_port").equals(tstat.get("c_port")) &&
                row.get("c_ip").equals(tstat.get("c_ip")) && row.get("s_ip").equals(tstat.get("s_ip")))
            {
                return row;
            }
        }
        return null;
    }

    private static Set<String> expected(final String capture)
    {
        final Set<String> expected = new TreeSet<>();
        for (final KnownDifference known : KNOWN_DIFFERENCES)
        {
            if (known.capture().equals(capture))
            {
                for (final String column : known.columns())
                {
                    expected.add(capture + " " + known.clientPort() + " " + column);
                }
            }
        }
        return expected;
    }

    private record KnownDifference(String capture, String clientPort, String why, String... columns)
    {
    }
}
