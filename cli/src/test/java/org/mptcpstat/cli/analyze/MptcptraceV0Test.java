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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * On the public MPTCP v0 captures, mptcp_connections agrees with upstream mptcptrace (correct for
 * v0; its stats_N.csv files are in ../shared/captures/reference/mptcptrace/): its seqAcked counts
 * from the IDSN, so it is unique_data_bytes + 1 in both directions, and its subflows are ours
 * (mptcptrace lists a join whose SYN was sent twice twice: distinct client ports are compared).
 * One exception is held to: a DATA_FIN acknowledged only by RST packets, which mptcptrace ignores.
 */
class MptcptraceV0Test
{
    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldAgreeWithMptcptraceOnThePublicV0Captures() throws IOException
    {
        final Path reference = TestData.sharedPublicV0().getParent().resolve("reference/mptcptrace");
        Assumptions.assumeTrue(Files.isDirectory(reference), "no mptcptrace reference at " + reference);
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String capture : List.of("client_2", "server_2"))
        {
            tests.add(DynamicTest.dynamicTest(capture, () -> compare(capture, reference.resolve(capture))));
        }
        return tests;
    }

    private void compare(final String capture, final Path reference) throws IOException
    {
        final Path folder = output.resolve(capture);
        AnalyzedCapture.connections(TestData.sharedPublicV0().resolve(capture + ".pcap"), folder);
        final Map<String, Map<String, String>> connections = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(folder.resolve("mptcp_connections.csv")))
        {
            connections.put(row.get("mptcp_id"), row);
        }
        final Map<String, String> connectionByClientPort = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(folder.resolve("mptcp_subflows.csv")))
        {
            connectionByClientPort.put(row.get("client_port"), row.get("mptcp_id"));
        }
        try (Stream<Path> files = Files.list(reference))
        {
            for (final Path stats : files.filter(f -> f.getFileName().toString().startsWith("stats_")).toList())
            {
                final Map<String, String[]> values = new HashMap<>();
                final Set<String> ports = new HashSet<>();
                for (final String line : Files.readAllLines(stats))
                {
                    final String[] cells = line.split(";");
                    values.put(cells[2], new String[] { cells[3], cells.length > 4 ? cells[4] : "" });
                    if (cells[2].matches("sf_\\d+_port"))
                    {
                        ports.add(cells[3]);
                    }
                }
                final String id = connectionByClientPort.get(ports.iterator().next());
                assertNotNull(id, stats + ": no MPTCP connection with subflow ports " + ports);
                final Map<String, String> ours = connections.get(id);
                final Set<String> ourPorts = new HashSet<>();
                connectionByClientPort.forEach((port, mptcpId) ->
                {
                    if (mptcpId.equals(id))
                    {
                        ourPorts.add(port);
                    }
                });
                assertEquals(ports, ourPorts, stats + ": subflows");
                assertEquals(Long.parseLong(values.get("seqAcked")[0]),
                    Long.parseLong(ours.get("c2s_unique_data_bytes")) + 1, stats + ": c2s seqAcked");
                final long s2c = Long.parseLong(ours.get("s2c_unique_data_bytes")) + 1;
                final long theirs = Long.parseLong(values.get("seqAcked")[1]);
                if (s2c != theirs)
                {
                    // The server's DATA_FIN of this connection is acknowledged by the client's RSTs only.
                    assertEquals(theirs + 1, s2c, stats + ": s2c seqAcked, beyond the DATA_FIN acknowledged by RST");
                    assertEquals("1210693553", values.get("firstSeq")[0], stats + ": unexpected s2c difference");
                }
            }
        }
    }
}
