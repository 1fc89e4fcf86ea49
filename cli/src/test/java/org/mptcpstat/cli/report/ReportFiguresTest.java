package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.summary.AnalysedCaptures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.cli.summary.AnalysedCaptures.number;

/**
 * The values behind the retransmission, RTT difference, join delay, ACK size, burst duration and
 * switching plots, against the same values computed from the CSV twins; and their figures.
 */
class ReportFiguresTest
{
    private static final List<String> NEW_PLOTS = List.of("tcp_retransmission_overhead",
        "mptcp_subflow_rtt_difference", "mptcp_join_delay", "mptcp_data_ack_sizes", "tcp_ack_sizes",
        "mptcp_burst_duration", "mptcp_subflow_switching");
    private static final List<String> DIRECTIONS = List.of("c2s", "s2c");

    @TempDir
    static Path dir;

    private static AnalysedCaptures analysed;
    private static ReportData data;
    private static List<Report.Figure> figures;
    private static String index;

    @BeforeAll
    static void analyseAndReport() throws IOException
    {
        analysed = AnalysedCaptures.into(dir.resolve("out"));
        data = new ReportData();
        for (final Path folder : analysed.folders())
        {
            data.add(folder);
        }
        figures = Report.write(data, dir.resolve("report"), List.of("out"), 5);
        index = Files.readString(dir.resolve("report/index.html"));
    }

    /** Both sorted: a CDF does not depend on the order values were gathered in. */
    private static void assertSameValues(final List<Double> expected, final DoubleArrayList actual,
        final double tolerance, final String what)
    {
        final double[] want = expected.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final double[] got = actual.toArray();
        Arrays.sort(got);
        assertArrayEquals(want, got, tolerance, what);
        assertTrue(got.length > 0, what + ": the committed captures give values");
    }

    private static double seconds(final Map<String, String> row, final String column)
    {
        return Double.parseDouble(row.get(column));
    }

    @Test
    void shouldTakeTheRetransmissionOverheadOfEachDirectionThatCarriedPayload() throws IOException
    {
        for (int d = 0; d < 2; d++)
        {
            final String prefix = DIRECTIONS.get(d) + "_";
            final List<Double> expected = new ArrayList<>();
            for (final Map<String, String> row : analysed.rows("tcp_connections"))
            {
                if (number(row, prefix + "payload_bytes") > 0)
                {
                    expected.add((double)number(row, prefix + "retrans_bytes") / number(row, prefix + "payload_bytes"));
                }
            }
            assertSameValues(expected, data.retransmissionOverhead[d], 1e-12, prefix + "retransmission overhead");
        }
        assertTrue(Arrays.stream(data.retransmissionOverhead[1].toArray()).anyMatch(v -> v > 0),
            "some connections retransmit");
    }

    @Test
    void shouldTakeTheLargestMinusTheSmallestMeanRttOfTheSubflowsOfEachMptcpConnection() throws IOException
    {
        final Map<String, Double> rttOfConnection = new HashMap<>();
        for (final Map<String, String> row : analysed.rows("tcp_connections"))
        {
            if (!row.get("c2s_rtt_avg_us").isEmpty())
            {
                rttOfConnection.put(row.get("capture") + "/" + row.get("conn_id"), seconds(row, "c2s_rtt_avg_us"));
            }
        }
        final Map<String, List<Double>> rttsOfMptcp = new HashMap<>();
        for (final Map<String, String> row : analysed.rows("mptcp_subflows"))
        {
            final Double rtt = rttOfConnection.get(row.get("capture") + "/" + row.get("conn_id"));
            if (rtt != null)
            {
                rttsOfMptcp.computeIfAbsent(row.get("capture") + "/" + row.get("mptcp_id"), k -> new ArrayList<>())
                    .add(rtt);
            }
        }
        final List<Double> expected = rttsOfMptcp.values().stream().filter(rtts -> rtts.size() >= 2)
            .map(rtts -> (rtts.stream().mapToDouble(Double::doubleValue).max().orElseThrow() -
                rtts.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) / 1000.0)
            .toList();

        // The CSV rounds mean RTTs to 0.001 us.
        assertSameValues(expected, data.subflowRttDifferenceMs, 2e-6, "RTT difference");
    }

    @Test
    void shouldTakeTheSynDelayOfEveryJoin() throws IOException
    {
        final List<Double> expected = analysed.rows("mptcp_subflows").stream()
            .filter(row -> row.get("role").equals("join") && !row.get("syn_delay").isEmpty())
            .map(row -> seconds(row, "syn_delay")).toList();

        assertSameValues(expected, data.joinDelays, 1e-9, "join delays");
    }

    @Test
    void shouldWeighAckAndDataAckSizesByTheirCounts() throws IOException
    {
        for (final String table : List.of("tcp_ack_sizes", "mptcp_data_ack_sizes"))
        {
            final boolean tcp = table.equals("tcp_ack_sizes");
            for (int d = 0; d < 2; d++)
            {
                // One value per ACK: the histogram expanded, then an ordinary CDF.
                final DoubleArrayList each = new DoubleArrayList();
                for (final Map<String, String> row : analysed.rows(table))
                {
                    if (row.get("direction").equals(DIRECTIONS.get(d)))
                    {
                        for (long i = 0; i < number(row, "count"); i++)
                        {
                            each.add(number(row, "acked_bytes"));
                        }
                    }
                }
                final Cdf expected = Cdf.of(each);
                final Cdf actual = Cdf.weighted(tcp ? data.ackSizes[d] : data.dataAckSizes[d],
                    tcp ? data.ackCounts[d] : data.dataAckCounts[d]);

                assertEquals(expected.count(), actual.count(), table);
                assertArrayEquals(expected.x(), actual.x(), table);
                assertArrayEquals(expected.y(), actual.y(), 1e-12, table);
                assertTrue(actual.count() > 0, table);
            }
        }
    }

    @Test
    void shouldTakeTheDurationOfEveryBurstByDirection() throws IOException
    {
        for (int d = 0; d < 2; d++)
        {
            final String direction = DIRECTIONS.get(d);
            final List<Double> expected = analysed.rows("mptcp_bursts").stream()
                .filter(row -> row.get("direction").equals(direction) && !row.get("duration").isEmpty())
                .map(row -> seconds(row, "duration")).toList();

            assertSameValues(expected, data.burstDurations[d], 1e-9, direction + " burst durations");
        }
    }

    @Test
    void shouldDivideTheSubflowSwitchesOfEachMptcpConnectionByItsDuration() throws IOException
    {
        final List<Double> expected = analysed.rows("mptcp_connections").stream()
            .filter(row -> !row.get("duration").isEmpty() && seconds(row, "duration") > 0 &&
                !row.get("c2s_subflow_switches").isEmpty() && !row.get("s2c_subflow_switches").isEmpty())
            .map(row -> (number(row, "c2s_subflow_switches") + number(row, "s2c_subflow_switches")) /
                seconds(row, "duration"))
            .toList();

        final double[] want = expected.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final double[] got = data.switchesPerSecond.toArray();
        Arrays.sort(got);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++)
        {
            assertEquals(want[i], got[i], 1e-9 * Math.max(1, want[i]), "switches per second");
        }
        assertTrue(Arrays.stream(got).anyMatch(v -> v > 0), "some connections switch subflows");
    }

    @Test
    void shouldDrawEachNewPlotAsSvgAndPngWithACaptionInTheIndex()
    {
        for (final String name : NEW_PLOTS)
        {
            final Report.Figure figure = figures.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name));
            assertTrue(figure.drawn(), name);
            assertTrue(Files.isRegularFile(dir.resolve("report/" + name + ".svg")), name);
            assertTrue(Files.isRegularFile(dir.resolve("report/" + name + ".png")), name);
            assertTrue(index.contains("<figure id=\"" + name + "\">\n<a href=\"" + name + ".png\"><img src=\"" +
                name + ".svg\""), name);
            assertTrue(figure.caption().lines().count() == 1 && figure.caption().contains("Values: "), name);
        }
    }

    @Test
    void shouldListTheNewPlotsAsNotDrawnWithoutData() throws IOException
    {
        final List<Report.Figure> none = Report.write(new ReportData(), dir.resolve("empty"), List.of("nothing"), 5);
        final String html = Files.readString(dir.resolve("empty/index.html"));

        for (final String name : NEW_PLOTS)
        {
            assertTrue(none.stream().anyMatch(f -> f.name().equals(name) && !f.drawn()), name);
            assertTrue(html.contains("<li id=\"" + name + "\">"), name);
            assertFalse(Files.exists(dir.resolve("empty/" + name + ".svg")), name);
        }
    }
}
