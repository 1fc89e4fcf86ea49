package org.mptcpstat.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mptcpstat report} as a user runs it on the output folders of {@code analyze}. */
class ReportCommandTest
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
        final String captures = System.getProperty("mptcpstat.testdata", "../testdata") + "/captures";
        assertEquals(0, Main.run(new String[] { "analyze", "-q", "-o", analysed.toString(), captures },
            new ByteArrayOutputStream(), new PrintWriter(new StringWriter(), true)));
    }

    private int run(final String... args)
    {
        return Main.run(args, out, new PrintWriter(err, true));
    }

    @Test
    void shouldDrawTheReportOfEveryCaptureFolder() throws IOException
    {
        final Path report = dir.resolve("report");

        assertEquals(0, run("report", analysed.toString(), "-o", report.toString()));

        assertEquals("", err.toString());
        final String index = Files.readString(report.resolve("index.html"));
        assertTrue(index.contains("<img src=\"tcp_duration.svg\""), index);
        assertTrue(index.contains("14 capture folders"), index);
        assertTrue(Files.isRegularFile(report.resolve("tcp_duration.png")));
    }

    @Test
    void shouldDrawTheOtherFoldersWhenOneHasNoTables() throws IOException
    {
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        final Path missing = dir.resolve("missing");
        final Path report = dir.resolve("report-partial");

        assertEquals(1, run("report", empty.toString(), analysed.toString(), missing.toString(),
            "-o", report.toString()));

        assertEquals("mptcpstat: " + empty + ": no tables (tcp_connections.bin)\nmptcpstat: " + missing +
            ": no such folder\n", err.toString().replace("\r\n", "\n"));
        assertTrue(Files.readString(report.resolve("index.html")).contains("14 capture folders"));
    }

    @Test
    void shouldReportAnUnwritableReportFolderInOneLineWithoutStackTrace() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        assertEquals(1, run("report", analysed.toString(), "-o", file.toString()));

        assertEquals("mptcpstat: " + file + ": cannot write the report: not a folder", err.toString().trim());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void shouldRejectABadCommandLineWithExitCodeTwo()
    {
        assertEquals(2, run("report"));
        assertEquals(2, run("report", analysed.toString()));
        assertEquals(2, run("report", "-o", dir.resolve("r").toString()));
        assertEquals(2, run("report", analysed.toString(), "-o", dir.resolve("r").toString(), "--top", "-1"));
        assertEquals(0, out.size());
    }
}
