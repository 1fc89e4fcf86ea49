package org.mptcpstat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mptcpstat analyze} as a user runs it on folders of captures. */
class AnalyzeCommandTest
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

    @Test
    void shouldWriteEveryTableOfEveryCaptureInAFolderTree() throws IOException
    {
        final Path inputs = Files.createDirectories(dir.resolve("in/phone1"));
        Files.copy(sample(), inputs.resolve("trace_any.pcap"));
        gzip(sample(), inputs.getParent().resolve("other_any.pcap.gz"));

        assertEquals(0, run("analyze", "-q", "-o", dir.resolve("out").toString(), dir.resolve("in").toString()));

        for (final String capture : List.of("trace_any", "other_any"))
        {
            for (final String table : List.of("tcp_connections", "tcp_retransmissions", "tcp_ack_sizes"))
            {
                assertTrue(Files.exists(dir.resolve("out").resolve(capture).resolve(table + ".csv")), capture + "/" + table);
                assertTrue(Files.exists(dir.resolve("out").resolve(capture).resolve(table + ".bin")), capture + "/" + table);
            }
        }
        assertEquals(TestData.sortedRows(Files.readString(dir.resolve("out/trace_any/tcp_connections.csv"))),
            TestData.sortedRows(Files.readString(dir.resolve("out/other_any/tcp_connections.csv"))),
            "gzip or not, the same tables");
        assertTrue(stdout().startsWith("captures: 2 analyzed, 0 damaged, 0 failed; connections: "), stdout());
    }

    @Test
    void shouldReportACorruptCaptureInOneLineAndStillWriteTheGoodOnes() throws IOException
    {
        final Path inputs = Files.createDirectories(dir.resolve("in"));
        Files.copy(sample(), inputs.resolve("good.pcap"));
        // gzip's magic number, then garbage: it looks like a capture until it is read.
        Files.write(inputs.resolve("corrupt.pcap"), new byte[] { 0x1F, (byte)0x8B, 0x55, 0x55, 0x55, 0x55, 0x55 });

        assertEquals(1, run("analyze", "-q", "-o", dir.resolve("out").toString(), inputs.toString()));

        final String[] errors = err.toString().trim().split("\n");
        assertEquals(1, errors.length, err.toString());
        assertTrue(errors[0].startsWith("mptcpstat: " + inputs.resolve("corrupt.pcap") + ": corrupt gzip header"),
            errors[0]);
        assertFalse(Files.exists(dir.resolve("out/corrupt/tcp_connections.csv")), "no table for the corrupt capture");
        assertEquals(rowsOfASeparateRun(), rows(dir.resolve("out/good/tcp_connections.csv")),
            "the good capture's table is complete");
        try (Stream<Path> files = Files.walk(dir.resolve("out")))
        {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void shouldLeaveFilesThatAreNoCapturesInFoldersAlone() throws IOException
    {
        final Path inputs = Files.createDirectories(dir.resolve("in"));
        Files.copy(sample(), inputs.resolve("trace.pcap"));
        Files.writeString(inputs.resolve("notes.txt"), "phone 3, second run");
        assertEquals(0, run("analyze", "-q", "-o", dir.resolve("out").toString(), inputs.toString()));
        assertTrue(stdout().startsWith("captures: 1 analyzed"), stdout());
    }

    @Test
    void shouldKeepTheTablesOfACaptureCutShortAndSaySo() throws IOException
    {
        final byte[] whole = Files.readAllBytes(sample());
        final Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 100));

        assertEquals(1, run("analyze", "-q", "-o", dir.resolve("out").toString(), cut.toString()));

        assertTrue(err.toString().contains("truncated record") && err.toString().contains("tables cover the packets before it"),
            err.toString());
        assertTrue(rows(dir.resolve("out/cut/tcp_connections.csv")) > 1);
    }

    @Test
    void shouldTakeOnlyFilesMatchingAPatternFromFolders() throws IOException
    {
        final Path inputs = Files.createDirectories(dir.resolve("in"));
        Files.copy(sample(), inputs.resolve("a_wlan0.pcap"));
        Files.copy(sample(), inputs.resolve("a_rmnet0.pcap"));
        Files.copy(sample(), inputs.resolve("a_any.pcap"));

        assertEquals(0, run("analyze", "-q", "--pattern", "_wlan0.,_rmnet0.", "-o", dir.resolve("out").toString(),
            inputs.toString()));

        assertTrue(Files.exists(dir.resolve("out/a_wlan0")));
        assertTrue(Files.exists(dir.resolve("out/a_rmnet0")));
        assertFalse(Files.exists(dir.resolve("out/a_any")));
    }

    @Test
    void shouldReadOptionDefaultsFromAConfigFile() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("mptcpstat.properties"), "format = csv\nproxy = 203.0.113.10\n");

        assertEquals(0, run("analyze", "-q", "--config", config.toString(), "-o", dir.resolve("out").toString(),
            sample().toString()));

        assertTrue(Files.exists(dir.resolve("out/sample/tcp_connections.csv")));
        assertFalse(Files.exists(dir.resolve("out/sample/tcp_connections.bin")), "format = csv came from the file");
    }

    @Test
    void shouldClassSubflowsByPhoneAddressAndCountBytesPerNetwork() throws IOException
    {
        final Path map = Files.writeString(dir.resolve("ifaces.txt"), "# address,interface\n10.0.0.2,rmnet0\n");
        assertEquals(0, run("analyze", "-q", "--format", "csv", "--wifi-prefix", "192.168.0.0/16", "--iface-map",
            map.toString(), "-o", dir.resolve("out").toString(), sample().toString()));

        final List<String> subflows = Files.readAllLines(dir.resolve("out/sample/mptcp_subflows.csv"));
        assertTrue(subflows.stream().anyMatch(l -> l.contains(",wifi,192.168.1.2,")), subflows.toString());
        assertTrue(subflows.stream().anyMatch(l -> l.contains(",cellular,10.0.0.2,")), subflows.toString());
        final List<String> connections = Files.readAllLines(dir.resolve("out/sample/mptcp_connections.csv"));
        final List<String> header = List.of(connections.get(0).split(","));
        long cellular = 0;
        for (final String row : connections.subList(1, connections.size()))
        {
            final String[] cells = row.split(",");
            cellular += Long.parseLong(cells[header.indexOf("c2s_cellular_bytes")]) +
                Long.parseLong(cells[header.indexOf("s2c_cellular_bytes")]);
        }
        assertTrue(cellular > 0, "the sample carries data over cellular: " + connections);
    }

    @Test
    void shouldKeepOnlyConnectionsOfTheProxy() throws IOException
    {
        assertEquals(0, run("analyze", "-q", "--format", "csv", "--proxy", "203.0.113.99", "--only-proxy",
            "-o", dir.resolve("out").toString(), sample().toString()));
        assertEquals(1, Files.readAllLines(dir.resolve("out/sample/tcp_connections.csv")).size(), "header only");
        assertEquals(2, run("analyze", "--only-proxy", sample().toString()));
    }

    @Test
    void shouldRejectBadOptionsAsUsageErrors()
    {
        assertEquals(2, run("analyze", "--format", "xml", sample().toString()));
        assertEquals(2, run("analyze", "--proxy", "not-an-address", sample().toString()));
        assertEquals(2, run("analyze", "--threads", "0", sample().toString()));
        assertEquals(2, run("analyze", "--series-min-bytes", "-1", sample().toString()));
        assertEquals(2, run("analyze", "--config", dir.resolve("missing.properties").toString(), sample().toString()));
        assertEquals(1, run("analyze", "-q", "-o", dir.resolve("out").toString(), dir.resolve("missing").toString()));
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    private long rowsOfASeparateRun() throws IOException
    {
        final Path separate = dir.resolve("separate");
        assertEquals(0, Main.run(new String[] { "analyze", "-q", "-o", separate.toString(), sample().toString() },
            OutputStream.nullOutputStream(), new PrintWriter(new StringWriter())));
        return rows(separate.resolve("sample/tcp_connections.csv"));
    }

    private static long rows(final Path csv) throws IOException
    {
        return Files.readAllLines(csv).size() - 1;
    }

    private String stdout()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void gzip(final Path from, final Path to) throws IOException
    {
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(to)))
        {
            Files.copy(from, gz);
        }
    }
}
