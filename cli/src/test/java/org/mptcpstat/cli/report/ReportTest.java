package org.mptcpstat.cli.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.summary.CaptureFolders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of the committed captures, drawn by the report classes themselves. */
class ReportTest
{
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final List<Color> SERIES_COLOURS = Stream.concat(Stream.of(Palette.C2S, Palette.S2C,
        Palette.WIFI, Palette.CELLULAR, Palette.ALL, Palette.FAILURE, Palette.REINJECTION, Palette.DATA_ACK),
        Palette.SUBFLOWS.stream()).toList();
    /** Three MPTCP connections of the committed captures carry this many data bytes or more. */
    private static final String SERIES_MIN_BYTES = "300000";
    private static final int TOP = 2;

    @TempDir
    static Path dir;

    private static Path analysed;
    private static Path reportFolder;
    private static List<Report.Figure> figures;
    private static String index;

    @BeforeAll
    static void analyseAndReport() throws IOException
    {
        analysed = dir.resolve("out");
        final String captures = System.getProperty("mptcpstat.testdata", "../testdata") + "/captures";
        assertEquals(0, Main.run(new String[] { "analyze", "-q", "--series-min-bytes", SERIES_MIN_BYTES, "-o",
            analysed.toString(), captures },
            new ByteArrayOutputStream(), new PrintWriter(new StringWriter(), true)));
        final ReportData data = new ReportData();
        final List<String> problems = new ArrayList<>();
        for (final Path capture : CaptureFolders.find(analysed, problems))
        {
            data.add(capture);
        }
        assertEquals(List.of(), problems);
        reportFolder = dir.resolve("report");
        figures = Report.write(data, reportFolder, List.of(analysed.toString()), TOP);
        index = Files.readString(reportFolder.resolve("index.html"));
    }

    private static List<String> plotsInIndex()
    {
        final List<String> names = new ArrayList<>();
        final Matcher img = IMG.matcher(index);
        while (img.find())
        {
            names.add(img.group(1).replaceFirst("\\.svg$", ""));
        }
        return names;
    }

    @Test
    void shouldShowEveryDrawnPlotInTheIndexAsSvgAndPng()
    {
        final List<String> drawn = figures.stream().filter(Report.Figure::drawn).map(Report.Figure::name).toList();

        assertEquals(drawn, plotsInIndex());
        assertTrue(drawn.containsAll(List.of("tcp_duration", "tcp_payload_bytes", "mptcp_subflows", "tcp_rtt",
            "mptcp_data_rtt", "mptcp_burst_bytes", "server_ports", "failed_joins")), drawn.toString());
        for (final String name : drawn)
        {
            assertTrue(Files.isRegularFile(reportFolder.resolve(name + ".svg")), name);
            assertTrue(Files.isRegularFile(reportFolder.resolve(name + ".png")), name);
            assertTrue(index.contains("<a href=\"" + name + ".png\">"), name);
        }
        assertTrue(index.contains("<title>mptcpstat report</title>"), index);
        assertEquals(plotsInIndex().size(), index.split("<figcaption>", -1).length - 1);
    }

    @Test
    void shouldSayInTheIndexWhichPlotsHadNoDataAndWriteNoFileForThem()
    {
        // The committed captures were analysed without --wifi-prefix/--cell-prefix: no interface is known.
        final Report.Figure interfaces = figures.stream().filter(f -> f.name().equals("mptcp_interface_share"))
            .findFirst().orElseThrow();

        assertFalse(interfaces.drawn());
        assertFalse(Files.exists(reportFolder.resolve("mptcp_interface_share.svg")));
        assertFalse(Files.exists(reportFolder.resolve("mptcp_interface_share.png")));
        assertTrue(index.contains("Not drawn: no data points"), index);
        assertTrue(index.contains("<li id=\"mptcp_interface_share\">"), index);
    }

    @Test
    void shouldWritePngsThatDecodeToImagesOfMoreThanOneColour() throws IOException
    {
        for (final String name : plotsInIndex())
        {
            final BufferedImage image = ImageIO.read(reportFolder.resolve(name + ".png").toFile());
            assertNotNull(image, name);
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0, name);
            final int first = image.getRGB(0, 0);
            boolean other = false;
            for (int y = 0; y < image.getHeight() && !other; y++)
            {
                for (int x = 0; x < image.getWidth() && !other; x++)
                {
                    other = image.getRGB(x, y) != first;
                }
            }
            assertTrue(other, name + ".png has one colour");
        }
    }

    @Test
    void shouldWriteWellFormedSvgsThatDrawTheirSeries() throws Exception
    {
        final DocumentBuilder builder = svgParser();
        for (final String name : plotsInIndex())
        {
            final Document svg = builder.parse(reportFolder.resolve(name + ".svg").toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName(), name);
            assertTrue(SERIES_COLOURS.stream().mapToInt(colour -> elementsIn(svg, colour)).sum() > 0,
                name + ".svg draws no series in a palette colour");
        }
    }

    private static DocumentBuilder svgParser() throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(false);
        // The DOCTYPE names the W3C DTD: never fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder();
    }

    /** @return shapes (path, polyline, line, rect, ellipse) stroked or filled in a colour: data, not frame or text. */
    private static int elementsIn(final Document svg, final Color colour)
    {
        final String rgb = "rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue() + ")";
        int found = 0;
        for (final String tag : List.of("path", "polyline", "line", "rect", "ellipse"))
        {
            final NodeList elements = svg.getElementsByTagName(tag);
            for (int i = 0; i < elements.getLength(); i++)
            {
                if (((Element)elements.item(i)).getAttribute("style").contains(rgb))
                {
                    found++;
                }
            }
        }
        return found;
    }

    @Test
    void shouldReferenceOnlyFilesOfTheReportFolderFromTheIndex()
    {
        final Matcher link = LINK.matcher(index);
        int links = 0;
        while (link.find())
        {
            final String target = link.group(1);
            assertFalse(target.contains(":") || target.contains("/"), "not a local file: " + target);
            assertTrue(Files.isRegularFile(reportFolder.resolve(target)), target);
            links++;
        }
        assertTrue(links >= 2 * plotsInIndex().size(), index);
        assertFalse(index.contains("<script") || index.contains("<link"), index);
    }

    @Test
    void shouldDrawNothingButListEveryPlotForAnEmptyCampaign() throws IOException
    {
        final Path empty = dir.resolve("empty-report");

        final List<Report.Figure> none = Report.write(new ReportData(), empty, List.of("nothing <&>"), TOP);

        assertTrue(none.size() >= 11, none.toString());
        assertTrue(none.stream().noneMatch(Report.Figure::drawn), none.toString());
        final String html = Files.readString(empty.resolve("index.html"));
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("<code>nothing &lt;&amp;&gt;</code>"), html);
        try (var files = Files.list(empty))
        {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldAddNothingFromACaptureWithADamagedTable() throws IOException
    {
        final Path capture = Files.createDirectories(dir.resolve("damaged/sample"));
        for (final String table : List.of("tcp_connections", "mptcp_subflows", "mptcp_events", "mptcp_bursts"))
        {
            Files.copy(analysed.resolve("sample/" + table + ".bin"), capture.resolve(table + ".bin"));
        }
        Files.writeString(capture.resolve("mptcp_connections.bin"), "not a table");
        final ReportData data = new ReportData();

        final IOException failure = assertThrows(IOException.class, () -> data.add(capture));

        assertTrue(failure.getMessage().startsWith("mptcp_connections.bin: "), failure.getMessage());
        assertEquals(1, failure.getMessage().lines().count());
        assertEquals(0, data.captures());
        assertEquals(0, data.tcpDurations.size());
    }

    @Test
    void shouldDrawTheTimeSequencesOfTheLargestConnectionsWithSeriesForEachDirectionWithEnoughData()
    {
        final List<Report.Figure> sequences = figures.stream()
            .filter(figure -> figure.name().startsWith("mptcp_time_sequence")).toList();

        // By data bytes: snaplen's download (622629), remove-addr's (400421); mp-prio's (311333) is third. Their
        // requests (37 bytes each way up) are too little to draw.
        assertEquals(List.of("mptcp_time_sequence_1_s2c", "mptcp_time_sequence_2_s2c"),
            sequences.stream().map(Report.Figure::name).toList());
        assertTrue(sequences.stream().allMatch(Report.Figure::drawn));
        // The connection's id is the frame number of its first packet.
        assertTrue(sequences.get(0).caption().matches("MPTCP connection \\d+ of snaplen \\(622,629 data bytes.*"),
            sequences.get(0).caption());
        assertTrue(sequences.get(1).caption().matches("MPTCP connection \\d+ of remove-addr \\(400,421 data bytes.*"),
            sequences.get(1).caption());
        assertTrue(sequences.get(1).caption().endsWith("The other direction's data, 37 bytes, is too little to draw."),
            sequences.get(1).caption());
        assertTrue(plotsInIndex().containsAll(sequences.stream().map(Report.Figure::name).toList()), index);
    }

    @Test
    void shouldCrossTheReinjectionsInTheTimeSequenceOfAConnectionThatHadSome() throws Exception
    {
        // remove-addr's download resends on WiFi what was in flight on the removed cellular subflow.
        final Document svg = svgParser().parse(reportFolder.resolve("mptcp_time_sequence_2_s2c.svg").toFile());

        assertTrue(elementsIn(svg, Palette.REINJECTION) > 0, "no reinjection drawn");
        assertTrue(elementsIn(svg, Palette.SUBFLOWS.get(0)) > 0 && elementsIn(svg, Palette.SUBFLOWS.get(1)) > 0,
            "both subflows are drawn, each in its own colour");
        assertTrue(elementsIn(svg, Palette.DATA_ACK) > 0, "no DATA_ACK line");
    }

    @Test
    void shouldSayInTheIndexThatNoConnectionHasSeriesWhenNoneWasAnalyzedWithThem() throws IOException
    {
        final Path report = dir.resolve("no-series-report");

        final List<Report.Figure> written = Report.write(new ReportData(), report, List.of("nothing"), TOP);

        final Report.Figure sequences = written.stream().filter(f -> f.name().startsWith("mptcp_time_sequence"))
            .findFirst().orElseThrow();
        assertFalse(sequences.drawn());
        assertTrue(sequences.caption().startsWith("No MPTCP connection has a series"), sequences.caption());
        assertTrue(Files.readString(report.resolve("index.html")).contains("<li id=\"mptcp_time_sequence\">"));
    }

    @Test
    void shouldAddNothingFromACaptureWithADamagedSeriesTable() throws IOException
    {
        final Path capture = Files.createDirectories(dir.resolve("damaged-series/remove-addr"));
        try (Stream<Path> tables = Files.list(analysed.resolve("remove-addr")))
        {
            for (final Path table : tables.filter(file -> file.toString().endsWith(".bin")).toList())
            {
                Files.copy(table, capture.resolve(table.getFileName()));
            }
        }
        Files.writeString(capture.resolve("mptcp_series.bin"), "not a table");
        final ReportData data = new ReportData();

        final IOException failure = assertThrows(IOException.class, () -> data.add(capture));

        assertTrue(failure.getMessage().startsWith("mptcp_series.bin: "), failure.getMessage());
        assertEquals(0, data.captures());
        assertEquals(List.of(), data.largestSeries(TOP));
    }
}
