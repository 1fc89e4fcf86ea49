package org.mptcpstat.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mptcpstat summary} as a user runs it on the output folders of {@code analyze}. */
class SummaryCommandTest
{
    @TempDir
    static Path dir;

    private static Path analysed;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void analyse()
    {
        analysed = dir.resolve("out");
        final String captures = TestData.root().resolve("captures").toString();
        assertEquals(0, Main.run(new String[] { "analyze", "-q", "-o", analysed.toString(), captures },
            new ByteArrayOutputStream(), new PrintWriter(new StringWriter(), true)));
    }

    private int run(final String... args)
    {
        return Main.run(args, out, new PrintWriter(err, true));
    }

    private String output()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String line(final String text, final String start)
    {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(text));
    }

    @Test
    void shouldPrintTheCampaignTablesOfEveryCaptureFolder()
    {
        assertEquals(0, run("summary", analysed.toString()));

        assertEquals("", err.toString());
        assertTrue(line(output(), "captures").matches("captures +14"), output());
        assertTrue(output().contains("\nServer ports (top 10)"), output());
    }

    @Test
    void shouldSummariseTheOtherFoldersWhenOneHasNoTables() throws IOException
    {
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        final Path missing = dir.resolve("missing");

        assertEquals(1, run("summary", empty.toString(), analysed.toString(), missing.toString()));

        assertEquals("mptcpstat: " + empty + ": no tables (tcp_connections.bin)\nmptcpstat: " + missing +
            ": no such folder\n", err.toString().replace("\r\n", "\n"));
        assertTrue(line(output(), "captures").matches("captures +14"), output());
    }

    @Test
    void shouldReportADamagedTableInOneLineWithoutStackTrace() throws IOException
    {
        final Path capture = Files.createDirectories(dir.resolve("damaged/sample"));
        Files.writeString(capture.resolve("tcp_connections.bin"), "not a table");
        Files.copy(analysed.resolve("sample/mptcp_connections.bin"), capture.resolve("mptcp_connections.bin"));
        Files.copy(analysed.resolve("sample/mptcp_subflows.bin"), capture.resolve("mptcp_subflows.bin"));
        Files.copy(analysed.resolve("sample/mptcp_events.bin"), capture.resolve("mptcp_events.bin"));

        assertEquals(1, run("summary", capture.toString()));

        assertEquals("mptcpstat: " + capture + ": tcp_connections.bin: not an mptcpstat binary table (no MPTCPTBL magic)",
            err.toString().trim());
        assertTrue(line(output(), "captures").matches("captures +0"), output());
    }

    @Test
    void shouldWriteJsonWithTheSameFigures()
    {
        assertEquals(0, run("summary", "--json", analysed.toString()));

        final String json = output().strip();
        assertTrue(json.startsWith("{\"captures\":14,\"min_bytes\":0,\"tcp_connections\":"), json);
        assertTrue(json.endsWith("}"), json);
        assertEquals(1, json.lines().count(), json);
    }

    @Test
    void shouldLeaveOutSmallConnectionsWithMinBytes()
    {
        assertEquals(0, run("summary", "--json", analysed.toString()));
        final String all = output();
        out.reset();

        assertEquals(0, run("summary", "--json", "--min-bytes", "1000", analysed.toString()));

        assertTrue(output().contains("\"min_bytes\":1000,"), output());
        assertFalse(output().equals(all.replace("\"min_bytes\":0,", "\"min_bytes\":1000,")), output());
    }

    @Test
    void shouldFilterByStartTimeAndServerAndSayWhichFiltersWereApplied()
    {
        assertEquals(0, run("summary", "--since", "1795868931", "--until", "1795869006.5", "--server",
            "203.0.113.0/24,2001:db8::/32", analysed.toString()));

        assertTrue(line(output(), "--since").matches("--since .* +1795868931"), output());
        assertTrue(line(output(), "--until").matches("--until .* +1795869006.5"), output());
        assertTrue(line(output(), "--server").matches("--server .* +203.0.113.0/24,2001:db8::/32"), output());
        out.reset();

        assertEquals(0, run("summary", "--json", "--server", "192.0.2.1", "--since", "1e9", analysed.toString()));

        assertTrue(output().contains("\"tcp_connections\":0,\"mptcp_connections\":0,"), output());
        assertTrue(output().contains("\"since\":1000000000,\"until\":null,\"servers\":[\"192.0.2.1\"]}"), output());
    }

    @Test
    void shouldRejectBadFiltersWithExitCodeTwo()
    {
        assertEquals(2, run("summary", "--since", "noon", analysed.toString()));
        assertEquals(2, run("summary", "--server", "203.0.113.0/40", analysed.toString()));
        assertEquals(2, run("summary", "--since", "2", "--until", "1", analysed.toString()));

        assertTrue(err.toString().contains("--since must be epoch seconds, not 'noon'"), err.toString());
        assertTrue(err.toString().contains("--server: bad prefix length in '203.0.113.0/40'"), err.toString());
        assertTrue(err.toString().contains("--since 2 is after --until 1"), err.toString());
        assertEquals(0, out.size());
    }

    @Test
    void shouldRejectABadCommandLineWithExitCodeTwo()
    {
        assertEquals(2, run("summary"));
        assertEquals(2, run("summary", "--min-bytes", "-1", analysed.toString()));
        assertTrue(err.toString().contains("--min-bytes must not be negative"), err.toString());
        assertEquals(2, run("summary", "--min-bytes", "many", analysed.toString()));
        assertEquals(0, out.size());
    }
}
