package org.mptcpstat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.emitters.table.BinaryTableReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze} in a pipe: a capture from standard input, one table to standard output. */
class StreamingAnalyzeTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private int run(final InputStream in, final String... args)
    {
        return Main.run(args, in, out, new PrintWriter(err, true));
    }

    private static Path capture(final String name)
    {
        return TestData.root().resolve("captures").resolve(name);
    }

    private String tableOfFileRun(final Path capture, final String table) throws IOException
    {
        final Path folder = dir.resolve("files");
        assertEquals(0, Main.run(new String[] { "analyze", "-q", "--format", "csv", "-o", folder.toString(),
            capture.toString() }, new ByteArrayOutputStream(), new PrintWriter(new StringWriter())));
        return Files.readString(folder.resolve(capture.getFileName().toString().replace(".pcap", ""))
            .resolve(table + ".csv"));
    }

    @Test
    void shouldAnalyzeACaptureReadFromStandardInputLikeTheSameFile() throws IOException
    {
        final byte[] sample = Files.readAllBytes(capture("sample.pcap"));

        assertEquals(0, run(new ByteArrayInputStream(sample), "analyze", "-q", "-o", dir.resolve("out").toString(), "-"),
            err.toString());

        assertEquals(TestData.sortedRows(tableOfFileRun(capture("sample.pcap"), "mptcp_connections")),
            TestData.sortedRows(Files.readString(dir.resolve("out/stdin/mptcp_connections.csv"))));
    }

    @Test
    void shouldInflateAGzipCaptureFromStandardInput() throws IOException
    {
        final ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped))
        {
            gzip.write(Files.readAllBytes(capture("sample.pcap")));
        }

        assertEquals(0, run(new ByteArrayInputStream(gzipped.toByteArray()), "analyze", "-q", "--stdout",
            "tcp_connections", "-"), err.toString());

        assertEquals(TestData.sortedRows(tableOfFileRun(capture("sample.pcap"), "tcp_connections")),
            TestData.sortedRows(out.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldStreamOneTableWithOneHeaderForSeveralCapturesAndWriteNoFolder() throws IOException
    {
        final Path output = dir.resolve("never");

        assertEquals(0, run(InputStream.nullInputStream(), "analyze", "-q", "-o", output.toString(), "--stdout",
            "tcp_connections", capture("sample.pcap").toString(), capture("backup.pcap").toString()), err.toString());

        final String sample = tableOfFileRun(capture("sample.pcap"), "tcp_connections");
        final String backup = tableOfFileRun(capture("backup.pcap"), "tcp_connections");
        final String header = sample.substring(0, sample.indexOf('\n') + 1);
        assertEquals(sample + backup.substring(header.length()), out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(output), "no table files");
        assertTrue(err.toString().startsWith("captures: 2 analyzed"), "the summary goes to stderr: " + err);
    }

    @Test
    void shouldStreamABinaryTableThatReadsBackWithoutAKnownRowCount() throws IOException
    {
        assertEquals(0, run(InputStream.nullInputStream(), "analyze", "-q", "--format", "bin", "--stdout",
            "mptcp_subflows", capture("sample.pcap").toString()), err.toString());
        final Path streamed = Files.write(dir.resolve("streamed.bin"), out.toByteArray());
        out.reset();

        assertEquals(0, run(InputStream.nullInputStream(), "convert", streamed.toString()), err.toString());

        assertEquals(tableOfFileRun(capture("sample.pcap"), "mptcp_subflows"), out.toString(StandardCharsets.UTF_8));
        try (BinaryTableReader reader = BinaryTableReader.open(streamed))
        {
            assertEquals(4, reader.rowCount(), "two connections of two subflows");
        }
    }

    @Test
    void shouldRefuseToStreamATableThatDoesNotExist()
    {
        assertEquals(2, run(InputStream.nullInputStream(), "analyze", "--stdout", "tcp_conections",
            capture("sample.pcap").toString()));

        final List<String> lines = err.toString().lines().toList();
        assertTrue(lines.get(0).contains("--stdout: no table named 'tcp_conections' (tcp_connections, "), lines.get(0));
    }

    @Test
    void shouldReportAnEmptyStandardInputInOneLine()
    {
        assertEquals(1, run(InputStream.nullInputStream(), "analyze", "-q", "-o", dir.resolve("out").toString(), "-"));

        assertEquals(List.of("mptcpstat: -: file too short to be a capture"), err.toString().lines().toList());
    }
}
