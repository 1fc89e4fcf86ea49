package org.mptcpstat.cli.robust;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.Main;
import org.mptcpstat.cli.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analyze} on damaged captures (see {@link MalformedCaptures}): it finishes quickly, exits 0 or 1,
 * says at most one line per capture on stderr, never shows an exception, and writes the tables of every
 * capture whose file header was readable.
 */
class MalformedCaptureTest
{
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyMalformedCaptureEndsInOneLineAtMost() throws IOException
    {
        final List<MalformedCaptures.Case> cases = MalformedCaptures.all(TestData.root().resolve("captures"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(final MalformedCaptures.Case c) throws IOException
    {
        final Path input = Files.createDirectories(dir.resolve("in")).resolve(c.name());
        Files.write(input, c.bytes());
        final Path output = dir.resolve("out-" + c.name());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
            Main.run(new String[] { "analyze", "-q", "-j", "1", "-o", output.toString(), input.toString() }, out,
                new PrintWriter(err, true)));
        final String stdout = out.toString(StandardCharsets.UTF_8);
        final String stderr = err.toString();
        final String context = c.name() + ": exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;

        assertTrue(exitCode == 0 || exitCode == 1, context);
        if (c.endsEarly() != null)
        {
            assertEquals(c.endsEarly() ? 1 : 0, exitCode, context);
        }
        assertTrue(stderr.lines().count() <= 1, context);
        assertEquals(exitCode == 0, stderr.isEmpty(), context);
        for (final String text : List.of(stdout, stderr))
        {
            assertFalse(text.contains("Exception"), context);
            assertFalse(text.contains("\tat "), context);
            assertFalse(text.contains("null"), context);
        }
        final Path tables = output.resolve(c.name().replaceAll("\\.gz$", "").replaceAll("\\.pcap(ng)?$", ""));
        if (c.headerReadable())
        {
            assertTrue(Files.exists(tables.resolve("tcp_connections.csv")), context);
            assertTrue(Files.exists(tables.resolve("mptcp_connections.csv")), context);
        }
        if (Files.isDirectory(tables))
        {
            try (Stream<Path> files = Files.list(tables))
            {
                assertTrue(files.allMatch(f -> f.getFileName().toString().matches("[a-z_]+\\.(csv|bin)")),
                    "no temporary files left: " + context);
            }
        }
    }
}
