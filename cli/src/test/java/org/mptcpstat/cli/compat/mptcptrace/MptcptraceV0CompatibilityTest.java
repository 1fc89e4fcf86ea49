package org.mptcpstat.cli.compat.mptcptrace;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.TestData;
import org.mptcpstat.cli.compat.CompatAnalysis;
import org.mptcpstat.cli.compat.CompatFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On the public MPTCP v0 captures, where mptcptrace is right, {@code analyze --compat mptcptrace}
 * writes the files upstream mptcptrace wrote (../shared/captures/reference/mptcptrace/): the same
 * files, line for line, but for the lines of {@code mptcptrace-v0-differences.txt}, which
 * docs/COMPAT.md explains: each of those must differ just so, and nothing else may.
 */
class MptcptraceV0CompatibilityTest
{
    private static final Path REFERENCE = TestData.sharedPublicV0().getParent().resolve("reference/mptcptrace");
    private static final String UPSTREAM_STDOUT = "stdout.txt";
    private static final String DIFFERENCES = "/mptcptrace-v0-differences.txt";

    @TempDir
    Path output;

    @TestFactory
    List<DynamicTest> shouldWriteUpstreamsFilesLineForLineButForTheDocumentedDifferences() throws IOException
    {
        assumeTrue(Files.isDirectory(REFERENCE), "no mptcptrace reference at " + REFERENCE);
        final Map<String, List<String>> differences = documentedDifferences();
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String capture : List.of("client_2", "server_2"))
        {
            tests.add(DynamicTest.dynamicTest(capture, () -> compareFolders(capture, differences)));
        }
        tests.add(DynamicTest.dynamicTest("every documented difference was looked for", () ->
            assertEquals(Map.of(), differences, "differences of files not compared")));
        return tests;
    }

    @Test
    void shouldWriteTheFilesOfTheConnectionUpstreamMissedInThePppCapture() throws IOException
    {
        assumeTrue(Files.isDirectory(REFERENCE), "no mptcptrace reference at " + REFERENCE);
        final Path theirs = REFERENCE.resolve("iperf-mptcp-0-0");
        assertEquals(List.of(), Files.readAllLines(theirs.resolve(UPSTREAM_STDOUT)), "upstream found no connection");
        assertTrue(Files.readAllLines(theirs.resolve(FileNames.CAPTURE_COUNTERS)).stream()
            .allMatch(l -> l.endsWith(",0,0")), "upstream counted nothing");

        final Path ours = CompatAnalysis.analyze(TestData.sharedPublicV0().resolve("iperf-mptcp-0-0.pcap"),
            output.resolve("iperf"), CompatFormat.MPTCPTRACE);
        assertTrue(Files.readAllLines(ours.resolve(FileNames.CAPTURE_COUNTERS)).containsAll(
            List.of("nbConnections,1,0", "sfConnections,4,0")));
        final List<String> stats = statsLines(ours.resolve(FileNames.stats(0)));
        assertTrue(stats.contains("0;sfCount;4;0"), stats.toString());
        assertTrue(stats.stream().anyMatch(l -> l.startsWith("0;seqAcked;")), stats.toString());
    }

    private void compareFolders(final String capture, final Map<String, List<String>> differences) throws IOException
    {
        final Path theirs = REFERENCE.resolve(capture);
        final Path ours = CompatAnalysis.analyze(TestData.sharedPublicV0().resolve(capture + ".pcap"),
            output.resolve(capture), CompatFormat.MPTCPTRACE);
        final List<String> files = fileNames(theirs, n -> n.endsWith(".csv"));
        assertEquals(files, fileNames(ours, n -> FileNames.isConnectionFile(n) || n.equals(FileNames.CAPTURE_COUNTERS)),
            capture + ": the files");
        for (final String file : files)
        {
            final boolean stats = file.startsWith("stats_");
            compare(capture, file, stats ? statsLines(theirs.resolve(file)) : Files.readAllLines(theirs.resolve(file)),
                stats ? withoutBeginTime(statsLines(ours.resolve(file))) : Files.readAllLines(ours.resolve(file)),
                differences);
        }
        compare(capture, FileNames.CONNECTION_LIST, connectionList(theirs.resolve(UPSTREAM_STDOUT)),
            connectionList(ours.resolve(FileNames.CONNECTION_LIST)), differences);
    }

    /** Asserts the lines are the same once the documented ones (which must be there) are left out. */
    private static void compare(final String capture, final String file, final List<String> theirs,
        final List<String> ours, final Map<String, List<String>> differences)
    {
        final List<String> expected = new ArrayList<>(theirs);
        final List<String> actual = new ArrayList<>(ours);
        for (final String difference : differences.getOrDefault(capture + " " + file, List.of()))
        {
            final String line = difference.substring(1);
            final List<String> side = difference.charAt(0) == '-' ? expected : actual;
            assertTrue(side.remove(line), capture + "/" + file + ": documented line not found: " + difference);
        }
        differences.remove(capture + " " + file);
        if (!expected.equals(actual))
        {
            fail(capture + "/" + file + ": lines only upstream's file has: " + linesMissingIn(actual, expected) +
                "; lines only mptcpstat's has: " + linesMissingIn(expected, actual) + " (none: another order)");
        }
    }

    /** @return the lines of {@code lines} left once each line of {@code others} took away one equal to it. */
    private static List<String> linesMissingIn(final List<String> others, final List<String> lines)
    {
        final List<String> left = new ArrayList<>(lines);
        others.forEach(left::remove);
        return left;
    }

    private static List<String> fileNames(final Path folder, final java.util.function.Predicate<String> kept)
        throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(f -> f.getFileName().toString()).filter(kept).sorted().toList();
        }
    }

    /** @return the lines without their first field, the capture's path (each tool was given its own). */
    private static List<String> statsLines(final Path file) throws IOException
    {
        return Files.readAllLines(file).stream().map(l -> l.substring(l.indexOf(';') + 1)).toList();
    }

    /** @return the lines without beginTime, mptcpstat's addition, which must come right after conTime. */
    private static List<String> withoutBeginTime(final List<String> lines)
    {
        final List<String> kept = new ArrayList<>(lines);
        final int at = kept.indexOf(kept.stream().filter(l -> l.contains(";beginTime;")).findFirst().orElseThrow());
        assertTrue(kept.get(at - 1).contains(";conTime;"), "beginTime follows conTime: " + lines);
        kept.remove(at);
        return kept;
    }

    /** @return the subflow lines as {@code id N: wscale : ...} (the subflow's list number left out), sorted. */
    private static List<String> connectionList(final Path stdout) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        String id = null;
        for (final String line : Files.readAllLines(stdout))
        {
            if (line.startsWith("MPTCP connection "))
            {
                id = line.substring(line.lastIndexOf(' ') + 1);
            }
            else
            {
                lines.add("id " + id + ": " + line.substring(line.indexOf(" with ") + " with ".length()).trim());
            }
        }
        return lines.stream().sorted().toList();
    }

    /** @return the documented lines by {@code CAPTURE FILE}, each {@code -LINE} (upstream's) or {@code +LINE}. */
    private static Map<String, List<String>> documentedDifferences() throws IOException
    {
        final Map<String, List<String>> differences = new HashMap<>();
        try (InputStream in = MptcptraceV0CompatibilityTest.class.getResourceAsStream(DIFFERENCES))
        {
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                if (line.isBlank() || line.startsWith("#"))
                {
                    continue;
                }
                final String[] parts = line.split(" ", 3);
                differences.computeIfAbsent(parts[0] + " " + parts[1], k -> new ArrayList<>()).add(parts[2]);
            }
        }
        return differences;
    }
}
