package org.mptcpstat.cli.decode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mptcpstat.cli.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every packet {@code decode} prints must equal, field for field, what tshark printed for the
 * same capture ({@code testdata/reference.sh} wrote the golden files).
 */
class DecodeGoldenFileTest
{
    @TestFactory
    List<DynamicTest> shouldMatchTsharkOnEveryCommittedCapture() throws IOException
    {
        final List<Path> captures = TestData.capturesIn(TestData.root().resolve("captures"));
        assertFalse(captures.isEmpty(), "no capture in " + TestData.root().resolve("captures"));
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path capture : captures)
        {
            final Path golden = TestData.root().resolve("expected").resolve(capture.getFileName() + ".decode.tsv");
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> assertSameAsGolden(capture, golden)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> shouldMatchTsharkOnThePublicV0Captures() throws IOException
    {
        final Path shared = TestData.sharedPublicV0();
        Assumptions.assumeTrue(Files.isDirectory(shared), "no shared captures at " + shared);
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path capture : TestData.capturesIn(shared))
        {
            final Path golden = TestData.root().resolve("expected").resolve("public-v0")
                .resolve(capture.getFileName() + ".decode.tsv.gz");
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> assertSameAsGolden(capture, golden)));
        }
        return tests;
    }

    private static void assertSameAsGolden(final Path capture, final Path golden) throws IOException
    {
        assertTrue(Files.exists(golden), "no golden file " + golden + ": run testdata/reference.sh");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter errors = new StringWriter();
        final boolean allRead = new PacketPrinter(List.of()).print(List.of(capture), out, new PrintWriter(errors, true));
        assertTrue(allRead, errors.toString());

        final String[] actual = out.toString(StandardCharsets.US_ASCII).split("\n", -1);
        final String[] expected = read(golden).split("\n", -1);
        final StringBuilder differences = new StringBuilder();
        int differing = 0;
        for (int i = 0; i < Math.max(actual.length, expected.length); i++)
        {
            final String a = i < actual.length ? actual[i] : "<missing>";
            final String e = i < expected.length ? expected[i] : "<missing>";
            if (!a.equals(e) && ++differing <= 5)
            {
                differences.append("\nline ").append(i + 1).append("\n  tshark:    ").append(e)
                    .append("\n  mptcpstat: ").append(a);
            }
        }
        if (differing > 0)
        {
            fail(differing + " lines differ from " + golden.getFileName() + ":" + differences);
        }
        assertEquals(expected.length, actual.length);
    }

    private static String read(final Path golden) throws IOException
    {
        try (InputStream in = golden.toString().endsWith(".gz") ?
            new GZIPInputStream(Files.newInputStream(golden)) : Files.newInputStream(golden))
        {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
