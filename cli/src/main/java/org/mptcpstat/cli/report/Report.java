package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mptcpstat.cli.summary.CampaignSummary;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws the plots of a campaign's {@link ReportData} with XChart, each as {@code NAME.svg} and
 * {@code NAME.png}, and an {@code index.html} that shows them, in a report folder. Plots without
 * data points are not drawn; the index says which and why.
 */
public final class Report
{
    static
    {
        // Before any AWT class loads: the report draws off-screen, also where no display exists.
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final int TOP_PORTS = 10;
    private static final String CDF_AXIS = "fraction of values \u2264 x (CDF)";

    private final List<Figure> figures = new ArrayList<>();

    private Report()
    {
    }

    /**
     * A plot of the report: drawn (its files are {@code name.svg} and {@code name.png}) or not,
     * for want of data points.
     */
    public record Figure(String name, String title, String caption, boolean drawn)
    {
        public String svg()
        {
            return name + ".svg";
        }

        public String png()
        {
            return name + ".png";
        }
    }

    /**
     * Writes every plot and {@code index.html} into {@code folder}, which is made if needed.
     *
     * @param sources what the report was made from, named in the index.
     * @param top     time-sequence plots are drawn for this many MPTCP connections with series, the
     *                largest first.
     * @return the figures in the order of the index, drawn or not.
     * @throws IOException when {@code folder} is not a folder or a file cannot be written.
     */
    public static List<Figure> write(final ReportData data, final Path folder, final List<String> sources,
        final int top) throws IOException
    {
        if (Files.exists(folder) && !Files.isDirectory(folder))
        {
            throw new IOException("not a folder");
        }
        Files.createDirectories(folder);
        final Report report = new Report();
        report.draw(data, folder);
        report.figures.addAll(TimeSequencePlots.draw(data, top, folder));
        Files.writeString(folder.resolve("index.html"), IndexHtml.of(data, sources, report.figures),
            StandardCharsets.UTF_8);
        return List.copyOf(report.figures);
    }

    private void draw(final ReportData data, final Path folder) throws IOException
    {
        cdf(folder, "tcp_duration", "TCP connection duration", "duration (s, log scale)", true,
            "TCP connections by duration, first to last packet.",
            new Series("connections", Palette.ALL, data.tcpDurations));
        cdf(folder, "tcp_payload_bytes", "TCP payload bytes per connection", "payload bytes (log scale)", true,
            "TCP payload bytes per connection and direction, retransmissions included; " +
                "connections without payload in a direction start the curve above 0.",
            new Series("c2s", Palette.C2S, data.payloadBytes[0]),
            new Series("s2c", Palette.S2C, data.payloadBytes[1]));
        cdf(folder, "mptcp_subflows", "Subflows per MPTCP connection", "subflows", false,
            "MPTCP connections by number of subflows seen.",
            new Series("MPTCP connections", Palette.ALL, data.subflows));
        cdf(folder, "mptcp_initial_subflow_share", "Share of MPTCP data bytes on the initial subflow",
            "initial subflow bytes / data bytes (both directions)", false,
            "MPTCP connections with data by the fraction of their data bytes (c2s + s2c) mapped on the initial " +
                "subflow.",
            new Series("MPTCP connections", Palette.ALL, data.initialSubflowShare));
        cdf(folder, "mptcp_interface_share", "Share of MPTCP data bytes per interface",
            "interface bytes / data bytes (both directions)", false,
            "MPTCP connections by the fraction of their data bytes mapped on cellular and on WiFi subflows; only " +
                "connections with bytes on a known interface (analyze --wifi-prefix, --cell-prefix, --iface-map).",
            new Series("cellular", Palette.CELLULAR, data.cellularShare),
            new Series("wifi", Palette.WIFI, data.wifiShare));
        cdf(folder, "mptcp_reinjection_overhead", "Reinjection overhead per MPTCP connection",
            "reinjected bytes / data bytes (both directions)", false,
            "MPTCP connections with data by reinjected bytes per data byte.",
            new Series("MPTCP connections", Palette.ALL, data.reinjectionOverhead));
        cdf(folder, "tcp_rtt", "TCP round-trip time", "mean RTT per connection (ms, log scale)", true,
            "TCP connections by mean RTT sample of each direction's segments (c2s_rtt_avg_us, s2c_rtt_avg_us).",
            new Series("c2s", Palette.C2S, data.tcpRttMs[0]),
            new Series("s2c", Palette.S2C, data.tcpRttMs[1]));
        cdf(folder, "mptcp_data_rtt", "MPTCP data-level round-trip time", "mean data-level RTT per connection (ms)",
            false, "MPTCP connections by mean data-level RTT of each direction's data (data_rtt_avg_us).",
            new Series("c2s", Palette.C2S, data.dataRttMs[0]),
            new Series("s2c", Palette.S2C, data.dataRttMs[1]));
        cdf(folder, "mptcp_burst_bytes", "MPTCP burst sizes", "bytes per burst (log scale)", true,
            "Runs of consecutive new mappings of one direction on one subflow (mptcp_bursts), by data bytes.",
            new Series("c2s", Palette.C2S, data.burstBytes[0]),
            new Series("s2c", Palette.S2C, data.burstBytes[1]));
        cdf(folder, "tcp_retransmission_overhead", "Retransmission overhead per TCP connection",
            "retransmitted bytes / payload bytes", false,
            "TCP connections by retrans_bytes / payload_bytes of each direction that carried payload.",
            new Series("c2s", Palette.C2S, data.retransmissionOverhead[0]),
            new Series("s2c", Palette.S2C, data.retransmissionOverhead[1]));
        cdf(folder, "mptcp_subflow_rtt_difference", "RTT difference between the subflows of an MPTCP connection",
            "largest - smallest mean c2s RTT of its subflows (ms, log scale)", true,
            "MPTCP connections with two or more subflows whose c2s_rtt_avg_us was measured (mptcp_subflows joined " +
                "to tcp_connections by conn_id), by the largest minus the smallest of those means.",
            new Series("MPTCP connections", Palette.ALL, data.subflowRttDifferenceMs));
        cdf(folder, "mptcp_join_delay", "Delay from MP_CAPABLE to MP_JOIN", "delay (s, log scale)", true,
            "MP_JOIN subflows by syn_delay: from the MPTCP connection's first packet to the subflow's SYN.",
            new Series("joins", Palette.ALL, data.joinDelays));
        cdf(folder, "mptcp_data_ack_sizes", "DATA_ACK sizes", "data bytes newly acknowledged (log scale)", true,
            "DATA_ACKs that advanced the data-level acknowledgment (mptcp_data_ack_sizes, acked_bytes weighted " +
                "by count), by direction of the acknowledged data.",
            new Series("c2s", Palette.C2S, data.dataAckSizes[0], data.dataAckCounts[0]),
            new Series("s2c", Palette.S2C, data.dataAckSizes[1], data.dataAckCounts[1]));
        cdf(folder, "tcp_ack_sizes", "TCP ACK sizes", "bytes newly acknowledged (log scale)", true,
            "ACKs that advanced the TCP acknowledgment (tcp_ack_sizes, acked_bytes weighted by count), by " +
                "direction of the ACKs.",
            new Series("c2s", Palette.C2S, data.ackSizes[0], data.ackCounts[0]),
            new Series("s2c", Palette.S2C, data.ackSizes[1], data.ackCounts[1]));
        cdf(folder, "mptcp_burst_duration", "MPTCP burst durations", "duration per burst (s, log scale)", true,
            "Runs of consecutive new mappings of one direction on one subflow (mptcp_bursts), by duration from " +
                "their first to their last packet; single-packet runs (0 s) start the curve above 0.",
            new Series("c2s", Palette.C2S, data.burstDurations[0]),
            new Series("s2c", Palette.S2C, data.burstDurations[1]));
        cdf(folder, "mptcp_subflow_switching", "Subflow switching frequency",
            "subflow switches per second (log scale)", true,
            "MPTCP connections by (c2s_subflow_switches + s2c_subflow_switches) / duration; connections without " +
                "a switch start the curve above 0.",
            new Series("MPTCP connections", Palette.ALL, data.switchesPerSecond));

        final List<String> ports = new ArrayList<>();
        final List<Long> portCounts = new ArrayList<>();
        for (final CampaignSummary.PortTotals port : data.topServerPorts(TOP_PORTS))
        {
            ports.add(Integer.toString(port.port()));
            portCounts.add(port.connections());
        }
        bars(folder, "server_ports", "TCP connections per server port (top " + TOP_PORTS + ")", "server port",
            "TCP connections", "The " + TOP_PORTS + " server ports with the most TCP connections.",
            "connections", Palette.ALL, ports, portCounts);

        final List<String> reasons = new ArrayList<>();
        final List<Long> failures = new ArrayList<>();
        long anyFailure = 0;
        for (final Map.Entry<String, Long> reason : data.failedJoins().entrySet())
        {
            reasons.add(reason.getKey());
            failures.add(reason.getValue());
            anyFailure += reason.getValue();
        }
        bars(folder, "failed_joins", "Failed subflows by reason", "failure_reason", "subflows",
            "MPTCP subflows that were not established (mptcp_subflows failure_reason other than none), by reason.",
            "failed subflows", Palette.FAILURE, anyFailure > 0 ? reasons : List.of(), failures);
    }

    /** One curve of a CDF plot; with weights (null: each value counts once), each value counts that many times. */
    private record Series(String label, Color colour, DoubleArrayList values, DoubleArrayList weights)
    {
        Series(final String label, final Color colour, final DoubleArrayList values)
        {
            this(label, colour, values, null);
        }

        Cdf cdf()
        {
            return weights == null ? Cdf.of(values) : Cdf.weighted(values, weights);
        }
    }

    private void cdf(final Path folder, final String name, final String title, final String xAxis,
        final boolean logarithmic, final String caption, final Series... series) throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xAxis).yAxisTitle(CDF_AXIS).build();
        final var styler = chart.getStyler();
        styler.setXAxisLogarithmic(logarithmic);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(1.0);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        final StringBuilder counts = new StringBuilder();
        for (final Series one : series)
        {
            final Cdf full = one.cdf();
            final Cdf cdf = logarithmic ? full.positive() : full;
            if (!cdf.hasPoints())
            {
                continue;
            }
            final XYSeries drawn = chart.addSeries(one.label() + " (n = " + full.count() + ")", cdf.x(), cdf.y());
            drawn.setLineColor(one.colour());
            drawn.setMarker(SeriesMarkers.NONE);
            counts.append(counts.length() == 0 ? " Values: " : ", ").append(one.label()).append(' ')
                .append(full.count());
        }
        if (chart.getSeriesMap().isEmpty())
        {
            figures.add(new Figure(name, title, caption, false));
            return;
        }
        styler.setLegendVisible(series.length > 1);
        save(chart, folder, name);
        figures.add(new Figure(name, title, caption + counts + '.', true));
    }

    private void bars(final Path folder, final String name, final String title, final String xAxis,
        final String yAxis, final String caption, final String seriesLabel, final Color colour,
        final List<String> categories, final List<Long> values) throws IOException
    {
        if (categories.isEmpty())
        {
            figures.add(new Figure(name, title, caption, false));
            return;
        }
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        final var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setYAxisMin(0.0);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setYAxisDecimalPattern("#,##0");
        final CategorySeries series = chart.addSeries(seriesLabel, categories, values);
        series.setFillColor(colour);
        save(chart, folder, name);
        figures.add(new Figure(name, title, caption, true));
    }

    static void save(final Chart<?, ?> chart, final Path folder, final String name) throws IOException
    {
        try (OutputStream svg = Files.newOutputStream(folder.resolve(name + ".svg")))
        {
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
        Files.write(folder.resolve(name + ".png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
