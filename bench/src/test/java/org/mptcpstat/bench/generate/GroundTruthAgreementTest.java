package org.mptcpstat.bench.generate;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.analyze.CsvTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated captures, analyzed by {@code mptcpstat analyze}, give exactly their ground truth: every
 * truth cell equals the analyzer's cell of the same column, for every connection, subflow and
 * event, in every link layer and file format, both MPTCP versions, with and without payload.
 */
class GroundTruthAgreementTest
{
    private static final int CONVERSATIONS = 150;

    @TempDir
    Path folder;

    static Stream<Arguments> captures()
    {
        return Stream.of(
            Arguments.of("ethernet pcap, MPTCP v1", List.of("--link", "ethernet", "--format", "pcap", "--v0-share", "0")),
            Arguments.of("linux cooked v1 pcapng, MPTCP v0", List.of("--link", "sll", "--format", "pcapng",
                "--v0-share", "1")),
            Arguments.of("linux cooked v2, payload stripped", List.of("--link", "sll2", "--snaplen", "headers")),
            Arguments.of("heavy loss, reordering and reinjection over three subflows and ADD_ADDR joins",
                List.of("--format", "pcapng", "--loss", "0.4", "--reorder", "0.4", "--reinjection", "0.6",
                    "--subflows", "3", "--add-addr-share", "0.6", "--bulk-share", "0.2", "--bulk-bytes", "300000")),
            Arguments.of("port reuse, resets, backup joins, MP_PRIO and MP_FASTCLOSE", List.of("--port-reuse", "0.9",
                "--reset-share", "0.4", "--backup-share", "0.5", "--mp-prio-share", "0.7", "--fastclose-share", "0.5",
                "--concurrency", "4", "--gap", "0.01")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void shouldFindExactlyTheGroundTruthWhenAnalyzingAGeneratedCapture(final String name, final List<String> options)
        throws IOException
    {
        final Path capture = folder.resolve("generated.pcap");
        final List<String> generate = new ArrayList<>(List.of(capture.toString(), "--seed", "42",
            "--tcp", Integer.toString(CONVERSATIONS), "--mptcp", Integer.toString(CONVERSATIONS)));
        generate.addAll(options);
        assertEquals(0, CaptureGenerator.run(generate.toArray(String[]::new), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter())));

        final StringWriter errors = new StringWriter();
        final int exitCode = Main.run(new String[] { "analyze", "-q", "--format", "csv", "-o",
            folder.resolve("out").toString(), "--wifi-prefix", "192.168.0.0/16", "--cell-prefix", "10.0.0.0/8",
            capture.toString() }, new ByteArrayOutputStream(), new PrintWriter(errors));
        assertEquals(0, exitCode, errors.toString());

        final Path truth = GroundTruth.folderOf(capture);
        final Path tables = folder.resolve("out").resolve("generated");
        final List<String> differences = new ArrayList<>();
        compareRows(truth, tables, "tcp_connections", List.of("conn_id"), differences);
        compareRows(truth, tables, "mptcp_connections", List.of("mptcp_id"), differences);
        compareRows(truth, tables, "mptcp_subflows", List.of("mptcp_id", "subflow"), differences);
        compareEvents(truth, tables, differences);
        assertTrue(differences.isEmpty(), differences.size() + " differences, the first: " +
            differences.subList(0, Math.min(10, differences.size())));
    }

    /** Every truth row has an analyzer row with its key, and their shared cells are equal; no row is left over. */
    private static void compareRows(final Path truth, final Path tables, final String table, final List<String> key,
        final List<String> differences) throws IOException
    {
        final List<Map<String, String>> expected = CsvTable.read(truth.resolve(table + ".csv"));
        final Map<List<String>, Map<String, String>> actual = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(tables.resolve(table + ".csv")))
        {
            actual.put(key.stream().map(row::get).toList(), row);
        }
        assertTrue(expected.size() > 0, table + ": the truth has no row");
        if (expected.size() != actual.size())
        {
            differences.add(table + ": " + expected.size() + " rows in the truth, " + actual.size() + " analyzed");
        }
        for (final Map<String, String> row : expected)
        {
            final List<String> id = key.stream().map(row::get).toList();
            final Map<String, String> found = actual.get(id);
            if (found == null)
            {
                differences.add(table + " " + id + ": not found");
                continue;
            }
            row.forEach((column, value) ->
            {
                if (!value.equals(found.get(column)))
                {
                    differences.add(table + " " + id + " " + column + ": truth " + value + ", analyzed " +
                        found.get(column));
                }
            });
        }
    }

    /** Events have no key: the same rows must be there, as many times, in any order. */
    private static void compareEvents(final Path truth, final Path tables, final List<String> differences)
        throws IOException
    {
        final List<Map<String, String>> expected = CsvTable.read(truth.resolve("mptcp_events.csv"));
        final Map<Map<String, String>, Integer> left = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(tables.resolve("mptcp_events.csv")))
        {
            row.keySet().retainAll(expected.get(0).keySet());
            left.merge(row, 1, Integer::sum);
        }
        for (final Map<String, String> row : expected)
        {
            if (left.merge(row, -1, Integer::sum) < 0)
            {
                differences.add("mptcp_events: not found: " + row);
            }
        }
        left.forEach((row, count) ->
        {
            if (count > 0)
            {
                differences.add("mptcp_events: not in the truth: " + row + " x" + count);
            }
        });
    }
}
