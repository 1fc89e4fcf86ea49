package org.mptcpstat.cli.robust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.TestData;
import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.FolderTableOutput;
import org.mptcpstat.cli.analyze.CaptureAnalysis;
import org.mptcpstat.cli.analyze.CaptureSummary;
import org.mptcpstat.emitters.table.TableFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze}'s guards: output folder vs inputs, the open-connection bound, Ctrl-C's abort, --debug. */
class AnalyzeSafetyTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return Main.run(args, out, new PrintWriter(err, true));
    }

    private static Path sample()
    {
        return TestData.root().resolve("captures").resolve("sample.pcap");
    }

    private Path inputFolder() throws IOException
    {
        final Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(sample(), in.resolve("sample.pcap"));
        return in;
    }

    private void assertRefused(final int exitCode, final String what) throws IOException
    {
        assertEquals(2, exitCode, what + ": " + err);
        assertEquals(1, err.toString().lines().count(), what + ": " + err);
        assertTrue(err.toString().contains("output"), what + ": " + err);
        assertEquals(Files.size(sample()), Files.size(dir.resolve("in/sample.pcap")), "input untouched");
    }

    @Test
    void shouldRefuseAnOutputFolderThatIsAnInputFolder() throws IOException
    {
        final Path in = inputFolder();
        assertRefused(run("analyze", "-q", "-o", in.toString(), in.toString()), "same folder");
    }

    @Test
    void shouldRefuseAnOutputFolderInsideAnInputFolder() throws IOException
    {
        final Path in = inputFolder();
        assertRefused(run("analyze", "-q", "-o", in.resolve("tables/new").toString(), in.toString()), "inside");
        assertFalse(Files.exists(in.resolve("tables")));
    }

    @Test
    void shouldRefuseAnOutputFolderInsideAnInputFolderReachedThroughALink() throws IOException
    {
        final Path in = inputFolder();
        final Path link = Files.createSymbolicLink(dir.resolve("link"), in);
        assertRefused(run("analyze", "-q", "-o", link.resolve("out").toString(), in.toString()), "through a link");
    }

    @Test
    void shouldRefuseAnOutputThatIsAnInputFile() throws IOException
    {
        final Path capture = inputFolder().resolve("sample.pcap");
        assertRefused(run("analyze", "-q", "-o", capture.toString(), capture.toString()), "input file");
        assertArrayEquals(Files.readAllBytes(sample()), Files.readAllBytes(capture));
    }

    @Test
    void shouldRefuseAnInputFileWhereTablesAreWritten() throws IOException
    {
        inputFolder();
        final Path table = Files.createDirectories(dir.resolve("out/sample")).resolve("tcp_connections.csv");
        Files.copy(sample(), table);
        assertEquals(2, run("analyze", "-q", "-o", dir.resolve("out").toString(), table.toString()), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertArrayEquals(Files.readAllBytes(sample()), Files.readAllBytes(table));
    }

    @Test
    void shouldAcceptAnOutputFolderHoldingTheInputs() throws IOException
    {
        final Path capture = inputFolder().resolve("sample.pcap");
        assertEquals(0, run("analyze", "-q", "-o", dir.toString(), capture.toString()), err.toString());
        assertTrue(Files.exists(dir.resolve("sample/tcp_connections.csv")));
    }

    @Test
    void shouldAcceptAnOutputFolderBesideTheInputs() throws IOException
    {
        final Path in = inputFolder();
        assertEquals(0, run("analyze", "-q", "-o", dir.resolve("in-tables").toString(), in.toString()), err.toString());
        assertTrue(Files.exists(dir.resolve("in-tables/sample/tcp_connections.csv")));
    }

    @Test
    void shouldEvictTheLeastRecentlyActiveConnectionsBeyondTheBound() throws IOException
    {
        assertEquals(0, run("analyze", "-q", "--max-open-connections", "1", "-o", dir.resolve("out").toString(),
            sample().toString()), err.toString());
        final String stdout = out.toString(StandardCharsets.UTF_8);
        final Matcher evicted = Pattern.compile("evicted: (\\d+)").matcher(stdout);
        assertTrue(evicted.find(), stdout);
        final Matcher connections = Pattern.compile("connections: (\\d+) TCP").matcher(stdout);
        assertTrue(connections.find(), stdout);
        final long tcp = Long.parseLong(connections.group(1));
        assertTrue(tcp > 1, stdout);
        assertTrue(Long.parseLong(evicted.group(1)) > 0, stdout);
        assertTrue(Long.parseLong(evicted.group(1)) < tcp, stdout);
    }

    @Test
    void shouldEvictNothingByDefault() throws IOException
    {
        assertEquals(0, run("analyze", "-q", "-o", dir.resolve("out").toString(), sample().toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("; evicted: 0;"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseABoundBelowOne()
    {
        assertEquals(2, run("analyze", "-q", "--max-open-connections", "0", "-o", dir.resolve("out").toString(),
            sample().toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void shouldDeleteUnfinishedTablesWhenAbortedBeforeTheEnd() throws IOException
    {
        final CaptureAnalysis analysis = analysis(dir.resolve("out/sample"));
        analysis.abort();
        final CaptureSummary summary = analysis.run();

        assertFalse(summary.tablesWritten());
        assertFalse(summary.complete());
        assertEquals(List.of(), filesIn(dir.resolve("out")), "no table, no temporary file");
    }

    @Test
    void shouldKeepCommittedTablesWhenAbortedAfterTheEnd() throws IOException
    {
        final CaptureAnalysis analysis = analysis(dir.resolve("out/sample"));
        final CaptureSummary summary = analysis.run();
        final List<String> tables = filesIn(dir.resolve("out"));
        analysis.abort();

        assertTrue(summary.complete(), summary.problem());
        assertTrue(tables.contains("tcp_connections.csv"), tables.toString());
        assertEquals(tables, filesIn(dir.resolve("out")));
    }

    @Test
    void shouldLeaveOnlyCompleteTablesWhenAbortedDuringTheRun() throws Exception
    {
        // sample.pcap's packets 40 times over: long enough to abort while tables are being written.
        final byte[] one = Files.readAllBytes(sample());
        final Path big = dir.resolve("big.pcap");
        try (java.io.OutputStream file = Files.newOutputStream(big))
        {
            file.write(one);
            for (int i = 1; i < 40; i++)
            {
                file.write(one, 24, one.length - 24);
            }
        }
        final Path folder = dir.resolve("out/big");
        final CaptureAnalysis analysis = analysis(big, folder);
        final java.util.concurrent.CompletableFuture<CaptureSummary> result =
            java.util.concurrent.CompletableFuture.supplyAsync(analysis::run);
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (filesIn(folder).isEmpty() && !result.isDone() && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        analysis.abort();
        final CaptureSummary summary = result.get(10, java.util.concurrent.TimeUnit.SECONDS);

        if (summary.complete())
        {
            // The run won the race: every table was committed before the abort, and stays.
            assertTrue(filesIn(folder).contains("tcp_connections.csv"));
        }
        else
        {
            assertFalse(summary.tablesWritten());
            assertEquals(List.of(), filesIn(folder), "no table, no temporary file");
        }
    }

    @Test
    void shouldStillPrintOneLineForABadCaptureWithDebug() throws IOException
    {
        final Path bad = Files.write(dir.resolve("bad.pcap"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        assertEquals(1, run("analyze", "-q", "--debug", "-o", dir.resolve("out").toString(), bad.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    private CaptureAnalysis analysis(final Path folder)
    {
        return analysis(sample(), folder);
    }

    private static CaptureAnalysis analysis(final Path capture, final Path folder)
    {
        return new CaptureAnalysis(capture, folder, Analyzer.builder().build(),
            new FolderTableOutput(folder, EnumSet.of(TableFormat.CSV, TableFormat.BIN)), java.util.Set.of(),
            new AtomicLong(), new AtomicLong());
    }

    private static List<String> filesIn(final Path folder) throws IOException
    {
        if (!Files.exists(folder))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder))
        {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted()
                .collect(Collectors.toList());
        }
    }
}
