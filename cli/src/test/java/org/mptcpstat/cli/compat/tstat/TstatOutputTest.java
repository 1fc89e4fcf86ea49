package org.mptcpstat.cli.compat.tstat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze --compat tstat}: tstat's two TCP logs in tstat's folder, complete or not at all. */
class TstatOutputTest
{
    private static final int COMPLETE_COLUMNS = 134;
    private static final int NOCOMPLETE_COLUMNS = 44;

    @TempDir
    Path dir;

    @Test
    void shouldNameTheFolderAfterTheMinuteOfTheFirstPacketInUtc()
    {
        assertEquals("2018_06_15_04_43.out", TstatOutput.folderName(nanos("2018-06-15T04:43:54.335235214Z")));
        assertEquals("1970_01_01_00_00.out", TstatOutput.folderName(0));
    }

    @Test
    void shouldWriteBothLogsWithTstatsColumnsIntoTheCapturesFolder() throws IOException
    {
        final StringWriter err = new StringWriter();
        final int exit = Main.run(new String[] { "analyze", "-q", "--compat", "tstat", "-o", dir.toString(),
            TestData.root().resolve("captures/sample.pcap").toString() }, new ByteArrayOutputStream(),
            new PrintWriter(err, true));

        assertEquals(0, exit, err.toString());
        final Path logs = onlyEntry(dir.resolve("sample"), ".out");
        assertEquals(COMPLETE_COLUMNS, columnsOfEveryLine(logs.resolve(TstatOutput.COMPLETE_LOG)));
        assertEquals(NOCOMPLETE_COLUMNS, columnsOfEveryLine(logs.resolve(TstatOutput.NOCOMPLETE_LOG)));
        assertEquals(List.of(TstatOutput.COMPLETE_LOG, TstatOutput.NOCOMPLETE_LOG), entries(logs), "no temporary file");
    }

    @Test
    void shouldKeepTheLogsUnderTemporaryNamesUntilCommitted() throws IOException
    {
        final TstatOutput output = new TstatOutput(dir.resolve("trace.pcap"), dir);
        output.onCaptureStart(0);

        assertEquals(List.of("." + TstatOutput.COMPLETE_LOG + ".tmp", "." + TstatOutput.NOCOMPLETE_LOG + ".tmp"),
            entries(dir.resolve("1970_01_01_00_00.out")));
        output.commit();
        assertEquals(List.of(TstatOutput.COMPLETE_LOG, TstatOutput.NOCOMPLETE_LOG),
            entries(dir.resolve("1970_01_01_00_00.out")));
    }

    @Test
    void shouldLeaveNothingBehindWhenAborted() throws IOException
    {
        final TstatOutput output = new TstatOutput(dir.resolve("trace.pcap"), dir);
        output.onCaptureStart(0);

        output.abort();

        assertEquals(List.of(), entries(dir));
    }

    @Test
    void shouldWriteNoFolderForACaptureWithoutPackets() throws IOException
    {
        final TstatOutput output = new TstatOutput(dir.resolve("empty.pcap"), dir);

        output.commit();

        assertEquals(List.of(), entries(dir));
    }

    private static long nanos(final String utc)
    {
        final Instant instant = Instant.parse(utc);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** @return the number of columns of a log, after checking that every row has as many cells as the header. */
    private static int columnsOfEveryLine(final Path log) throws IOException
    {
        final List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(0).startsWith("#15#c_ip:1 c_port:2 "), lines.get(0));
        final int columns = lines.get(0).split(" ").length;
        for (final String row : lines.subList(1, lines.size()))
        {
            assertEquals(columns, row.split(" ").length, log.getFileName() + ": " + row);
        }
        return columns;
    }

    private static Path onlyEntry(final Path folder, final String suffix) throws IOException
    {
        final List<String> matching = entries(folder).stream().filter(name -> name.endsWith(suffix)).toList();
        assertEquals(1, matching.size(), matching.toString());
        return folder.resolve(matching.get(0));
    }

    private static List<String> entries(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
