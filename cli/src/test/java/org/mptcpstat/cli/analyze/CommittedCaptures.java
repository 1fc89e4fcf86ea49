package org.mptcpstat.cli.analyze;

import org.junit.jupiter.api.DynamicTest;
import org.mptcpstat.cli.TestData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** One dynamic test per committed capture ({@code testdata/captures/}), each with its golden file. */
final class CommittedCaptures
{
    private CommittedCaptures()
    {
    }

    /** Compares what mptcpstat makes of a capture with its golden file. */
    @FunctionalInterface
    interface GoldenFileComparison
    {
        void compare(Path capture, Path golden) throws IOException;
    }

    /** @param goldenSuffix what the golden file's name adds to the capture's ({@code .tshark-conv.tsv}). */
    static List<DynamicTest> eachWithGoldenFile(final String goldenSuffix, final GoldenFileComparison comparison)
        throws IOException
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path capture : TestData.capturesIn(TestData.root().resolve("captures")))
        {
            final Path golden = TestData.root().resolve("expected").resolve(capture.getFileName() + goldenSuffix);
            tests.add(DynamicTest.dynamicTest(capture.getFileName().toString(), () -> comparison.compare(capture, golden)));
        }
        assertFalse(tests.isEmpty(), "no committed capture");
        return tests;
    }
}
