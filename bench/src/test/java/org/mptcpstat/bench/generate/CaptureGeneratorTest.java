package org.mptcpstat.bench.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureGeneratorTest
{
    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int generate(final String... args)
    {
        return CaptureGenerator.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void shouldWriteTheSameBytesWhenGivenTheSameSeed() throws IOException
    {
        final Path first = folder.resolve("first.pcapng");
        final Path second = folder.resolve("second.pcapng");
        assertEquals(0, generate(first.toString(), "--tcp", "40", "--mptcp", "40", "--seed", "7", "--format", "pcapng"));
        assertEquals(0, generate(second.toString(), "--tcp", "40", "--mptcp", "40", "--seed", "7", "--format", "pcapng"));

        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertArrayEquals(Files.readAllBytes(GroundTruth.folderOf(first).resolve("mptcp_connections.csv")),
            Files.readAllBytes(GroundTruth.folderOf(second).resolve("mptcp_connections.csv")));
    }

    @Test
    void shouldStopAtTheFirstConversationBoundaryPastTheSizeWhenGivenOne() throws IOException
    {
        final Path capture = folder.resolve("sized.pcap");
        assertEquals(0, generate(capture.toString(), "--size", "2M", "--concurrency", "8", "--no-truth"));

        final long size = Files.size(capture);
        assertTrue(size >= 2_000_000 && size < 12_000_000, "size " + size);
        assertFalse(Files.exists(GroundTruth.folderOf(capture)));
    }

    @Test
    void shouldSayWhatIsWrongInOneLineWhenAnOptionIsBad()
    {
        assertEquals(2, generate(folder.resolve("x.pcap").toString(), "--link", "token-ring"));

        assertEquals("generate: --link: unknown value 'token-ring'", err.toString().strip());
    }
}
