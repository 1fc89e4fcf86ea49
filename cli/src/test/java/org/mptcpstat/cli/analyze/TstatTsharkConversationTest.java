package org.mptcpstat.cli.analyze;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The core columns of {@code --compat tstat}'s logs must agree, per connection and direction,
 * with the counts computed from tshark's fields (golden files {@code *.tshark-conv.tsv} from
 * {@code testdata/reference.sh}) on every committed capture: packets, RST, ACK and pure-ACK
 * packets, unique bytes, data packets and bytes, retransmitted packets and bytes, SYN and FIN
 * packets. Only streams with a client SYN are logged, and a connection is in log_tcp_complete
 * only when both sides sent a SYN and it was ended by RST or FINs both ways.
 * <p>
 * A zero-window probe is counted apart (tstat's flow control), not as sent bytes: on a direction
 * that sent one, the byte and retransmission counts are not compared, as tshark cannot tell it.
 */
class TstatTsharkConversationTest
{
    /** Pairs of (tstat column without c_/s_, tshark-conv column without c2s_/s2c_). */
    private static final String[][] COUNTS = {
        { "pkts_all", "packets" }, { "rst_cnt", "rst_packets" }, { "ack_cnt", "ack_packets" },
        { "ack_cnt_p", "pure_acks" }, { "pkts_data", "data_packets" }, { "bytes_all", "payload_bytes" },
        { "syn_cnt", "syn_packets" }, { "fin_cnt", "fin_packets" } };

    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldCountWhatTsharkSeesOnEveryCommittedCapture() throws IOException
    {
        return CommittedCaptures.eachWithGoldenFile(".tshark-conv.tsv", this::compare);
    }

    private void compare(final Path capture, final Path golden) throws IOException
    {
        final String name = capture.getFileName().toString();
        final Path folder = output.resolve(name);
        TstatLogs.analyze(capture, folder);
        final List<Map<String, String>> rows = TstatLogs.rows(TstatLogs.logFolder(folder));
        final Map<String, List<Map<String, String>>> connections =
            AnalyzedCapture.byTuple(CsvTable.read(folder.resolve("tcp_connections.csv")));
        int logged = 0;
        final List<String> differences = new ArrayList<>();
        for (final Map<String, String> stream : CsvTable.read(golden))
        {
            final String id = name + " stream " + stream.get("stream");
            final String tuple = AnalyzedCapture.tuple(stream.get("client_addr"), stream.get("client_port"),
                stream.get("server_addr"), stream.get("server_port"));
            final long first = Math.min(micros(stream, "c2s_first_time"), micros(stream, "s2c_first_time"));
            final Map<String, String> row = rowOf(tuple, first, rows);
            if ("0".equals(stream.get("client_sent_syn")))
            {
                if (row != null)
                {
                    differences.add(id + ": logged, but no client SYN");
                }
                continue;
            }
            if (row == null)
            {
                differences.add(id + ": not logged");
                continue;
            }
            logged++;
            compareCounts(id, stream, row, AnalyzedCapture.startingAt(first, connections.get(tuple)), differences);
            checkCompleteness(id, stream, row, differences);
        }
        if (logged != rows.size())
        {
            differences.add(name + ": " + (rows.size() - logged) + " logged connections are no tshark stream");
        }
        if (!differences.isEmpty())
        {
            fail(differences.size() + " differences from tshark in " + name + ":\n" +
                String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    /** @return our row with these endpoints ({@link AnalyzedCapture#tuple}) and first packet (µs), or null. */
    private static Map<String, String> rowOf(final String tuple, final long first, final List<Map<String, String>> rows)
        throws IOException
    {
        for (final Map<String, String> row : rows)
        {
            if (TstatLogs.micros(row.get("first")) == first &&
                AnalyzedCapture.tuple(row.get("c_ip"), row.get("c_port"), row.get("s_ip"), row.get("s_port")).equals(tuple))
            {
                return row;
            }
        }
        return null;
    }

    private static void compareCounts(final String id, final Map<String, String> stream, final Map<String, String> row,
        final Map<String, String> connection, final List<String> differences) throws IOException
    {
        final boolean sameClient = AnalyzedCapture.canonical(row.get("c_ip")).equals(
            AnalyzedCapture.canonical(stream.get("client_addr"))) && row.get("c_port").equals(stream.get("client_port"));
        for (final String side : new String[] { "c_", "s_" })
        {
            final String theirs = sameClient == side.equals("c_") ? "c2s_" : "s2c_";
            final String ours = side.equals("c_") ? "c2s_" : "s2c_";
            for (final String[] pair : COUNTS)
            {
                check(id, side + pair[0], row.get(side + pair[0]), stream.get(theirs + pair[1]), differences);
            }
            if ("0".equals(connection.get(ours + "zero_window_probes")))
            {
                final long payload = Long.parseLong(stream.get(theirs + "payload_bytes"));
                final long covered = Long.parseLong(stream.get(theirs + "covered_bytes"));
                check(id, side + "bytes_uniq", row.get(side + "bytes_uniq"), Long.toString(covered), differences);
                check(id, side + "bytes_retx", row.get(side + "bytes_retx"), Long.toString(payload - covered),
                    differences);
                check(id, side + "pkts_retx", row.get(side + "pkts_retx"), stream.get(theirs + "retransmitted_packets"),
                    differences);
            }
        }
    }

    /**
     * tshark's counts cannot tell whether the FINs were acknowledged: a complete connection must
     * have SYNs both ways and a RST or FINs both ways, and one without them must be incomplete.
     */
    private static void checkCompleteness(final String id, final Map<String, String> stream,
        final Map<String, String> row, final List<String> differences)
    {
        final boolean synsBothWays = positive(stream, "c2s_syn_packets") && positive(stream, "s2c_syn_packets");
        final boolean closed = positive(stream, "c2s_rst_packets") || positive(stream, "s2c_rst_packets") ||
            (positive(stream, "c2s_fin_packets") && positive(stream, "s2c_fin_packets"));
        if (TstatLogs.COMPLETE.equals(row.get(TstatLogs.LOG)) && !(synsBothWays && closed))
        {
            differences.add(id + ": in " + TstatLogs.COMPLETE + " without SYNs both ways and a close");
        }
    }

    private static boolean positive(final Map<String, String> stream, final String column)
    {
        return Long.parseLong(stream.get(column)) > 0;
    }

    private static void check(final String id, final String column, final String ours, final String theirs,
        final List<String> differences)
    {
        if (!ours.equals(theirs))
        {
            differences.add(id + ": " + column + " = " + ours + " but tshark's count is " + theirs);
        }
    }

    private static long micros(final Map<String, String> stream, final String column)
    {
        final String value = stream.get(column);
        return value.isEmpty() ? Long.MAX_VALUE : AnalyzedCapture.micros(value);
    }
}
