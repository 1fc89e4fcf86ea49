package org.mptcpstat.cli;

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

/** The command line as a user meets it: exit codes, one-line errors, help and version. */
class CommandLineTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return Main.run(args, out, new PrintWriter(err, true));
    }

    private String stdout()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintVersion()
    {
        assertEquals(0, run("--version"));
        assertTrue(stdout().startsWith("mptcpstat "), stdout());
    }

    @Test
    void shouldPrintHelpForEveryCommand()
    {
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("decode"), stdout());
        assertEquals(0, run("decode", "--help"));
        assertTrue(stdout().contains("--fields"), stdout());
    }

    @Test
    void shouldExitWithUsageErrorWithoutCommandOrForUnknownOption()
    {
        assertEquals(2, run());
        assertEquals(2, run("decode", "--no-such-option", "x.pcap"));
        assertEquals(2, run("no-such-command"));
    }

    @Test
    void shouldRejectUnknownDecodeFieldAsUsageError() throws IOException
    {
        assertEquals(2, run("decode", "--fields", "frame,bogus", sample().toString()));
        assertTrue(err.toString().contains("unknown field 'bogus'"), err.toString());
    }

    @Test
    void shouldPrintOnlyTheChosenFields() throws IOException
    {
        assertEquals(0, run("decode", "--fields", "sport,frame", sample().toString()));
        final String[] lines = stdout().split("\n");
        assertEquals("sport\tframe", lines[0]);
        assertTrue(lines.length > 10);
        assertTrue(lines[1].matches("\\d+\t\\d+"), lines[1]);
    }

    @Test
    void shouldReportMissingAndCorruptFilesInOneLineEachAndStillPrintTheGoodOne() throws IOException
    {
        final Path corrupt = Files.write(dir.resolve("corrupt.pcap"), "definitely not a capture".getBytes());
        final Path missing = dir.resolve("missing.pcap");

        assertEquals(1, run("decode", missing.toString(), corrupt.toString(), sample().toString()));

        final String[] errors = err.toString().trim().split("\n");
        assertEquals(2, errors.length, err.toString());
        assertTrue(errors[0].startsWith("mptcpstat: " + missing + ": no such file"), errors[0]);
        assertTrue(errors[1].startsWith("mptcpstat: " + corrupt + ": not a pcap file"), errors[1]);
        assertFalse(err.toString().contains("Exception"), err.toString());
        assertTrue(stdout().split("\n").length > 10, "the good capture is still printed");
    }

    private static Path sample() throws IOException
    {
        final Path sample = TestData.root().resolve("captures").resolve("sample.pcap");
        assertTrue(Files.exists(sample), "missing " + sample);
        return sample;
    }
}
