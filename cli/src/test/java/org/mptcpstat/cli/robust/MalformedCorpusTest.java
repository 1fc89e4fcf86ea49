package org.mptcpstat.cli.robust;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analyze} on each capture of the malformed corpus ({@code testdata/malformed}, made by its
 * {@code make.py}), as its line in {@code EXPECTED.tsv} says: the exit code, the malformed records
 * counted in the summary, whether the capture's tables are written, and the one line on stderr
 * that gives the reason. Every capture is done within seconds, and no output shows an exception.
 */
class MalformedCorpusTest
{
    private static final Path CORPUS = TestData.root().resolve("malformed");
    private static final Path MANIFEST = CORPUS.resolve("EXPECTED.tsv");
    private static final Pattern MALFORMED_COUNT = Pattern.compile("malformed records: (\\d+)");

    @TempDir
    Path dir;

    /**
     * One line of the manifest.
     *
     * @param reason what the stderr line says after the file name; empty where the exit code is 0.
     */
    record Expected(String file, int exitCode, long malformedRecords, boolean tablesWritten, String reason)
    {
        static Expected parse(final String line)
        {
            final String[] fields = line.split("\t", -1);
            if (fields.length != 5 || !fields[3].matches("yes|no"))
            {
                throw new IllegalArgumentException("not file, exit code, malformed records, yes|no, reason: " + line);
            }
            return new Expected(fields[0], Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
                fields[3].equals("yes"), fields[4]);
        }
    }

    private static Map<String, Expected> manifest() throws IOException
    {
        try (Stream<String> lines = Files.lines(MANIFEST))
        {
            return lines.filter(line -> !line.isBlank() && !line.startsWith("#")).map(Expected::parse)
                .collect(Collectors.toMap(Expected::file, e -> e, (a, b) -> { throw new IllegalStateException(a.file()); },
                    TreeMap::new));
        }
    }

    @Test
    void shouldListEveryCaptureOfTheCorpusInTheManifest() throws IOException
    {
        final List<String> captures = TestData.capturesIn(CORPUS).stream().map(p -> p.getFileName().toString())
            .collect(Collectors.toList());
        assertEquals(captures, List.copyOf(manifest().keySet()), "run testdata/malformed/make.py, then mend EXPECTED.tsv");
    }

    @TestFactory
    Stream<DynamicTest> shouldEndEachDamagedCaptureAsTheManifestSays() throws IOException
    {
        return manifest().values().stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> check(e)));
    }

    /**
     * The launcher turns Agrona's per-access bounds checks off for speed, trusting the parser's own
     * checks against each record. This runs the corpus and the committed captures in that setting
     * and with the checks on, each in a JVM of its own: same summary, same errors, same tables, and
     * no JVM crash (a read outside a mapping would kill it with a signal, exit code 134 or 139).
     */
    @Test
    void shouldEndTheCorpusAlikeWithoutAgronasBoundsChecks() throws IOException, InterruptedException
    {
        final String checked = analyzeInOwnJvm(false, dir.resolve("checked"));
        final String unchecked = analyzeInOwnJvm(true, dir.resolve("unchecked"));

        assertEquals(checked, unchecked);
        assertTrue(checked.startsWith("exit 1\n"), checked);
        try (Stream<Path> files = Files.walk(dir.resolve("checked")))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                final Path twin = dir.resolve("unchecked").resolve(dir.resolve("checked").relativize(file));
                assertEquals(-1L, Files.mismatch(file, twin), file.toString());
            }
        }
    }

    /** @return the exit code, then stdout and stderr with output folders and timings made alike. */
    private static String analyzeInOwnJvm(final boolean disableBoundsChecks, final Path output)
        throws IOException, InterruptedException
    {
        final Process analyze = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dagrona.disable.bounds.checks=" + disableBoundsChecks, "-XX:ErrorFile=" + output + ".hs_err.log",
            "-cp", System.getProperty("java.class.path"), Main.class.getName(),
            "analyze", "-j", "1", "-o", output.toString(), CORPUS.toString(),
            TestData.root().resolve("captures").toString()).redirectErrorStream(true).start();
        final String text = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(analyze.waitFor(2, TimeUnit.MINUTES), "analyze did not finish");
        assertFalse(Files.exists(Path.of(output + ".hs_err.log")), "the JVM crashed: " + text);
        return "exit " + analyze.exitValue() + "\n" + text.replace(output.toString(), "OUT").replaceAll("[0-9.]+ s\\b", "T");
    }

    private void check(final Expected expected) throws IOException
    {
        final Path capture = CORPUS.resolve(expected.file());
        final Path output = dir.resolve("out-" + expected.file());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
            Main.run(new String[] { "analyze", "-q", "-j", "1", "-o", output.toString(), capture.toString() }, out,
                new PrintWriter(err, true)));
        final String stdout = out.toString(StandardCharsets.UTF_8);
        final String stderr = err.toString();
        final String context = expected.file() + ": exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;

        assertEquals(expected.exitCode(), exitCode, context);
        final Matcher malformed = MALFORMED_COUNT.matcher(stdout);
        assertTrue(malformed.find(), context);
        assertEquals(expected.malformedRecords(), Long.parseLong(malformed.group(1)), context);
        if (expected.exitCode() == 0)
        {
            assertEquals("", stderr, context);
        }
        else
        {
            assertEquals(1, stderr.lines().count(), context);
            assertTrue(stderr.startsWith("mptcpstat: " + capture + ": " + expected.reason()), context);
        }
        for (final String text : List.of(stdout, stderr))
        {
            assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("null"), context);
        }
        final Path tables = output.resolve(expected.file().replaceAll("\\.gz$", "").replaceAll("\\.pcap(ng)?$", ""));
        assertEquals(expected.tablesWritten(), Files.exists(tables.resolve("tcp_connections.csv")), context);
        assertEquals(expected.tablesWritten(), Files.exists(tables.resolve("mptcp_connections.csv")), context);
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
