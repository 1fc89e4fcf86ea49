package org.mptcpstat.bench.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Memory follows the connections open at once, not the capture: two million short TCP
 * connections (a handshake and a reset each, 64 at a time, each staying in the flow table for the
 * idle timeout after its reset) are analyzed by {@code analyze} in a JVM of its own with a 256 MiB
 * heap.
 */
class ManyConnectionsMemoryTest
{
    private static final int CONNECTIONS = 2_000_000;
    /** The capture (0.6 GB) and the binary tables (2.2 GB), with room to spare. */
    private static final long DISK_NEEDED = 4L << 30;

    @TempDir
    Path folder;

    @Test
    void shouldAnalyzeTwoMillionConnectionsWithA256MegabyteHeap() throws IOException, InterruptedException
    {
        assumeTrue(Files.getFileStore(folder).getUsableSpace() > DISK_NEEDED,
            "needs " + DISK_NEEDED + " bytes free in " + folder);
        final Path capture = folder.resolve("short.pcap");
        final StringWriter problems = new StringWriter();
        assertEquals(0, CaptureGenerator.run(new String[] { capture.toString(), "--tcp", Integer.toString(CONNECTIONS),
            "--mptcp", "0", "--rounds", "0", "--reset-share", "1", "--port-reuse", "0", "--no-truth" },
            new PrintWriter(new StringWriter()), new PrintWriter(problems)), problems.toString());

        final Process analyze = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
            "-Xmx256m", "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "org.mptcpstat.cli.Main",
            "analyze", "-q", "--format", "bin", "-o", folder.resolve("out").toString(), capture.toString())
            .redirectErrorStream(true).start();
        final String output = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(analyze.waitFor(5, TimeUnit.MINUTES), "analyze still running");

        assertEquals(0, analyze.exitValue(), output);
        assertTrue(output.contains("connections: " + CONNECTIONS + " TCP, 0 MPTCP;"), output);
    }
}
