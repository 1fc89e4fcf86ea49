package org.mptcpstat.cli.analyze;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * tcp_connections must agree with tshark's view of each TCP stream (golden files
 * {@code *.tshark-conv.tsv} from {@code testdata/reference.sh}) on every committed capture,
 * including those tcptrace cannot read (Linux cooked v2): packets and payload bytes per
 * direction, and unique bytes equal to the bytes tshark saw at least once (outside zero-window
 * probes, which tcptrace's unique bytes leave out and tshark cannot tell).
 */
class TsharkConversationTest
{
    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldAgreeWithTsharkOnEveryCommittedCapture() throws IOException
    {
        return CommittedCaptures.eachWithGoldenFile(".tshark-conv.tsv", this::compare);
    }

    private void compare(final Path capture, final Path golden) throws IOException
    {
        final String name = capture.getFileName().toString();
        final Map<String, List<Map<String, String>>> ours =
            AnalyzedCapture.byTuple(AnalyzedCapture.connections(capture, output.resolve(name)));
        final Map<String, List<Map<String, String>>> streams = new HashMap<>();
        for (final Map<String, String> row : CsvTable.read(golden))
        {
            streams.computeIfAbsent(AnalyzedCapture.tuple(row.get("client_addr"), row.get("client_port"),
                row.get("server_addr"), row.get("server_port")), k -> new ArrayList<>()).add(row);
        }
        final List<String> differences = new ArrayList<>();
        for (final Map.Entry<String, List<Map<String, String>>> entry : streams.entrySet())
        {
            final List<Map<String, String>> mine = ours.getOrDefault(entry.getKey(), List.of());
            if (mine.size() != entry.getValue().size())
            {
                differences.add(entry.getKey() + ": " + mine.size() + " connections, tshark " + entry.getValue().size());
                continue;
            }
            for (final Map<String, String> stream : entry.getValue())
            {
                compareStream(name, stream, mine, differences);
            }
        }
        if (!differences.isEmpty())
        {
            fail(differences.size() + " differences from tshark in " + name + ":\n" +
                String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    private static void compareStream(final String name, final Map<String, String> stream,
        final List<Map<String, String>> mine, final List<String> differences) throws IOException
    {
        final String id = name + " stream " + stream.get("stream");
        final long first = Math.min(firstMicros(stream, "c2s_first_time"), firstMicros(stream, "s2c_first_time"));
        final Map<String, String> ours = AnalyzedCapture.startingAt(first, mine);
        if (ours == null)
        {
            differences.add(id + ": no connection starting at " + first + " us");
            return;
        }
        final boolean sameClient = AnalyzedCapture.clientIs(ours, stream.get("client_addr"), stream.get("client_port"));
        for (final String direction : new String[] { "c2s_", "s2c_" })
        {
            final String theirs = sameClient == direction.equals("c2s_") ? "c2s_" : "s2c_";
            for (final String[] pair : new String[][] { { "packets", "packets" }, { "payload_bytes", "payload_bytes" } })
            {
                if (!stream.get(theirs + pair[0]).equals(ours.get(direction + pair[1])))
                {
                    differences.add(id + ": " + direction + pair[1] + " = " + ours.get(direction + pair[1]) +
                        " but tshark " + theirs + pair[0] + " = " + stream.get(theirs + pair[0]));
                }
            }
            if ("0".equals(ours.get(direction + "zero_window_probes")) &&
                !stream.get(theirs + "covered_bytes").equals(ours.get(direction + "unique_bytes")))
            {
                differences.add(id + ": " + direction + "unique_bytes = " + ours.get(direction + "unique_bytes") +
                    " but tshark saw " + stream.get(theirs + "covered_bytes") + " distinct payload bytes");
            }
        }
    }

    private static long firstMicros(final Map<String, String> stream, final String column)
    {
        final String value = stream.get(column);
        return value == null || value.isEmpty() ? Long.MAX_VALUE : AnalyzedCapture.micros(value);
    }
}
