package org.mptcpstat.cli.compat.mptcptrace;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mptcpstat analyze --compat mptcptrace} as users type it. */
class CompatMptcptraceOptionTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteMptcptracesFilesBesideTheTablesAndNoTemporaryOnes() throws IOException
    {
        final StringWriter err = new StringWriter();
        final int exitCode = Main.run(new String[] { "analyze", "-q", "--compat", "mptcptrace", "-o", dir.toString(),
            TestData.root().resolve("captures/sample.pcap").toString() }, new ByteArrayOutputStream(),
            new PrintWriter(err, true));

        assertEquals(0, exitCode, err.toString());
        final Path folder = dir.resolve("sample");
        for (final String file : List.of("tcp_connections.csv", FileNames.CONNECTION_LIST, FileNames.CAPTURE_COUNTERS,
            FileNames.stats(0), FileNames.stats(1), FileNames.sequence(0, 1), FileNames.sequence(1, 1)))
        {
            assertTrue(Files.exists(folder.resolve(file)), file);
        }
        assertFalse(Files.exists(folder.resolve(FileNames.stats(2))), "the sample has two MPTCP connections");
        try (var files = Files.list(folder))
        {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void shouldNameTheToolInHelp()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] { "analyze", "--help" }, out, new PrintWriter(new StringWriter(), true));
        assertTrue(out.toString().contains("mptcptrace"), out.toString());
    }
}
