package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mptcpstat.cli.summary.Direction;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's time-sequence plots: for the largest MPTCP connections with series, one plot per
 * direction that carried data, of where each packet's data ends in the data sequence against
 * time, one colour per subflow (its interface's), reinjections crossed, DATA_ACKs as a line. A
 * direction that carried under 1 % of what the other did (the requests of a download) is left out.
 */
final class TimeSequencePlots
{
    private static final String NAME = "mptcp_time_sequence";
    /** Points per series at most: SVG files stay small; beyond, every k-th point is drawn. */
    private static final int MAX_POINTS = 2000;
    /** A direction is drawn when its data reached at least 1/100 as far as the other direction's. */
    private static final long SMALLEST_SHARE_DIVISOR = 100;
    private static final long BYTES_PER_MB = 1_000_000;
    private static final long BYTES_PER_KB = 1_000;
    /** Told apart by shape too, as two subflows of one interface share its colour. */
    private static final Marker[] SUBFLOW_MARKERS = { SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
        SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP };

    private TimeSequencePlots()
    {
    }

    /**
     * Draws the plots of the {@code top} largest connections with series into {@code folder}.
     *
     * @return their figures; when no connection has series, one figure not drawn that says so.
     */
    static List<Report.Figure> draw(final ReportData data, final int top, final Path folder) throws IOException
    {
        final List<SeriesConnection> largest = data.largestSeries(top);
        if (top > 0 && largest.isEmpty())
        {
            return List.of(new Report.Figure(NAME, "MPTCP time-sequence plots", "No MPTCP connection has a " +
                "series: run analyze with --series to keep those of connections with at least --series-min-bytes " +
                "data bytes.", false));
        }
        final Map<Path, LongObjectHashMap<TimeSequence[]>> sequences = load(largest);
        final List<Report.Figure> figures = new ArrayList<>();
        for (int rank = 1; rank <= largest.size(); rank++)
        {
            final SeriesConnection connection = largest.get(rank - 1);
            final TimeSequence[] directions = sequences.get(connection.captureFolder()).get(connection.mptcpId());
            final long farthest = Math.max(directions[0].highestSeqEnd(), directions[1].highestSeqEnd());
            for (final Direction direction : Direction.values())
            {
                final TimeSequence sequence = directions[direction.ordinal()];
                final TimeSequence other = directions[1 - direction.ordinal()];
                if (enough(sequence, farthest))
                {
                    final String note = other.hasData() && !enough(other, farthest) ?
                        " The other direction's data, " + other.highestSeqEnd() + " bytes, is too little to draw." : "";
                    figures.add(plot(folder, NAME + "_" + rank + "_" + direction.label(), connection, direction,
                        sequence, note));
                }
            }
        }
        return figures;
    }

    /** @return whether a direction carried data, and enough of it beside the other's to draw. */
    private static boolean enough(final TimeSequence sequence, final long farthest)
    {
        return sequence.hasData() && sequence.highestSeqEnd() >= farthest / SMALLEST_SHARE_DIVISOR;
    }

    /** Reads each capture folder's series once, for all of its connections among {@code connections}. */
    private static Map<Path, LongObjectHashMap<TimeSequence[]>> load(final List<SeriesConnection> connections)
        throws IOException
    {
        final Map<Path, LongHashSet> idsByFolder = new LinkedHashMap<>();
        for (final SeriesConnection connection : connections)
        {
            idsByFolder.computeIfAbsent(connection.captureFolder(), folder -> new LongHashSet())
                .add(connection.mptcpId());
        }
        final Map<Path, LongObjectHashMap<TimeSequence[]>> sequences = new LinkedHashMap<>();
        for (final Map.Entry<Path, LongHashSet> folder : idsByFolder.entrySet())
        {
            sequences.put(folder.getKey(), SeriesTable.timeSequences(folder.getKey(), folder.getValue()));
        }
        return sequences;
    }

    private static Report.Figure plot(final Path folder, final String name, final SeriesConnection connection,
        final Direction direction, final TimeSequence sequence, final String note) throws IOException
    {
        final boolean megabytes = sequence.highestSeqEnd() >= BYTES_PER_MB;
        final double bytesPerUnit = megabytes ? BYTES_PER_MB : BYTES_PER_KB;
        final String capture = connection.captureFolder().getFileName().toString();
        final String title = "Time sequence of MPTCP connection " + connection.mptcpId() + " of " + capture + ", " +
            direction.label();
        final XYChart chart = new XYChartBuilder().width(Report.WIDTH).height(Report.HEIGHT).title(title)
            .xAxisTitle("time since the connection's first packet (s)")
            .yAxisTitle("data sequence number - IDSN - 1 (" + (megabytes ? "MB" : "kB") + ")").build();
        final var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(4);
        boolean thinned = add(chart, "DATA_ACK", sequence.dataAcks, bytesPerUnit, null, Palette.DATA_ACK);
        for (final int subflow : sequence.subflowNumbers())
        {
            final TimeSequence.Points points = sequence.subflow(subflow);
            thinned |= add(chart, "subflow " + subflow + " (" + points.interfaceLabel() + ")", points, bytesPerUnit,
                SUBFLOW_MARKERS[subflow % SUBFLOW_MARKERS.length], Palette.subflow(points.interfaceLabel(), subflow));
        }
        thinned |= add(chart, "reinjections", sequence.reinjections, bytesPerUnit, SeriesMarkers.CROSS,
            Palette.REINJECTION);
        Report.save(chart, folder, name);
        final String caption = String.format(Locale.ROOT, "MPTCP connection %d of %s (%,d data bytes, both " +
            "directions), %s data: where the data each packet carried ends, against time, by subflow (WiFi green, " +
            "cellular red, others by number); magenta crosses: packets that carried data another subflow had carried " +
            "(reinjections); grey line: DATA_ACKs.%s%s", connection.mptcpId(), capture, connection.dataBytes(),
            direction.label(), thinned ? " Series of more than " + MAX_POINTS + " points show every k-th." : "", note);
        return new Report.Figure(name, title, caption, true);
    }

    /**
     * Adds a series unless it has no points: with a marker, as points; without, as a step line.
     *
     * @return whether it had more than {@link #MAX_POINTS} and only every k-th is drawn.
     */
    private static boolean add(final XYChart chart, final String label, final TimeSequence.Points points,
        final double bytesPerUnit, final Marker marker, final Color colour)
    {
        if (points.size() == 0)
        {
            return false;
        }
        final int stride = (points.size() + MAX_POINTS - 1) / MAX_POINTS;
        final XYSeries series = chart.addSeries(label, points.x(stride), points.y(stride, bytesPerUnit));
        if (marker == null)
        {
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(colour);
        }
        else
        {
            series.setMarker(marker);
            series.setMarkerColor(colour);
        }
        return stride > 1;
    }
}
