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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The MPTCP tables must agree with tshark's MPTCP analysis (golden files
 * {@code *.tshark-mptcp.tsv} from {@code testdata/reference.sh}): every TCP connection belongs to
 * the MPTCP connection tshark groups it in ({@code mptcp.stream}), and per MPTCP connection and
 * direction the unique data bytes equal the DATA_ACK span, the reinjected mappings equal the
 * mappings of the packets tshark marks {@code mptcp.reinjection_of}, and the version is the same.
 */
class TsharkMptcpTest
{
    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldAgreeWithTsharkOnEveryCommittedCapture() throws IOException
    {
        final List<DynamicTest> tests = testsFor(TestData.capturesIn(TestData.root().resolve("captures")),
            TestData.root().resolve("expected"));
        assertFalse(tests.isEmpty());
        return tests;
    }

    @TestFactory
    List<DynamicTest> shouldAgreeWithTsharkOnThePublicV0Captures() throws IOException
    {
        final Path shared = TestData.sharedPublicV0();
        Assumptions.assumeTrue(Files.isDirectory(shared), "no shared captures at " + shared);
        return testsFor(TestData.capturesIn(shared), TestData.root().resolve("expected/public-v0"));
    }

    private List<DynamicTest> testsFor(final List<Path> captures, final Path expected)
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path capture : captures)
        {
            final Path golden = expected.resolve(capture.getFileName() + ".tshark-mptcp.tsv");
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> compare(capture, golden)));
        }
        return tests;
    }

    private void compare(final Path capture, final Path golden) throws IOException
    {
        final Path folder = output.resolve(capture.getFileName().toString());
        final Map<String, Map<String, String>> tcpByConnId = new HashMap<>();
        for (final Map<String, String> row : AnalyzedCapture.connections(capture, folder))
        {
            tcpByConnId.put(row.get("conn_id"), row);
        }
        final Map<String, Map<String, String>> subflowByFirstFrame = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(folder.resolve("mptcp_subflows.csv")))
        {
            subflowByFirstFrame.put(tcpByConnId.get(row.get("conn_id")).get("first_frame"), row);
        }
        final Map<String, Map<String, String>> connections = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(folder.resolve("mptcp_connections.csv")))
        {
            connections.put(row.get("mptcp_id"), row);
        }

        final List<String> differences = new ArrayList<>();
        final Map<String, Set<String>> oursByTshark = new HashMap<>();
        final Map<String, Set<String>> tsharkByOurs = new HashMap<>();
        final Set<String> compared = new HashSet<>();
        for (final Map<String, String> stream : CsvTable.read(golden))
        {
            final Map<String, String> subflow = subflowByFirstFrame.get(stream.get("first_frame"));
            final String id = "tcp.stream " + stream.get("tcp_stream");
            if (subflow == null)
            {
                differences.add(id + ": not an MPTCP subflow in mptcp_subflows");
                continue;
            }
            final String mptcpStream = stream.get("mptcp_stream");
            if (mptcpStream.isEmpty())
            {
                continue;
            }
            oursByTshark.computeIfAbsent(mptcpStream, k -> new HashSet<>()).add(subflow.get("mptcp_id"));
            tsharkByOurs.computeIfAbsent(subflow.get("mptcp_id"), k -> new HashSet<>()).add(mptcpStream);
            if (compared.add(mptcpStream))
            {
                compareConnection("mptcp.stream " + mptcpStream, stream, connections.get(subflow.get("mptcp_id")),
                    differences);
            }
        }
        oursByTshark.forEach((k, v) -> check(v.size() == 1, "mptcp.stream " + k + " is split over " + v, differences));
        tsharkByOurs.forEach((k, v) -> check(v.size() == 1, "mptcp_id " + k + " joins mptcp.streams " + v, differences));
        if (!differences.isEmpty())
        {
            fail(differences.size() + " differences from tshark in " + capture.getFileName() + ":\n" +
                String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    private static void compareConnection(final String id, final Map<String, String> stream,
        final Map<String, String> ours, final List<String> differences)
    {
        final String version = stream.get("mptcp_version");
        check(version.isEmpty() || version.equals(ours.get("version")),
            id + ": version " + ours.get("version") + ", tshark " + version, differences);
        for (final String direction : new String[] { "c2s", "s2c" })
        {
            final String acked = stream.get("mptcp_" + direction + "_data_acked");
            check(acked.equals(ours.get(direction + "_unique_data_bytes")), id + ": " + direction + "_unique_data_bytes " +
                ours.get(direction + "_unique_data_bytes") + ", tshark's DATA_ACK span " + acked, differences);
            final String reinjected = stream.get("mptcp_" + direction + "_reinjected_mappings");
            check(reinjected.equals(ours.get(direction + "_reinjected_mappings")), id + ": " + direction +
                "_reinjected_mappings " + ours.get(direction + "_reinjected_mappings") + ", tshark " + reinjected,
                differences);
        }
    }

    private static void check(final boolean holds, final String difference, final List<String> differences)
    {
        if (!holds)
        {
            differences.add(difference);
        }
    }
}
