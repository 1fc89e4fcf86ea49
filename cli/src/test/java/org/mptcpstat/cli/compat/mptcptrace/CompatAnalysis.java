package org.mptcpstat.cli.compat.mptcptrace;

import org.mptcpstat.api.Analyzer;
import org.mptcpstat.cli.analyze.CaptureAnalysis;
import org.mptcpstat.cli.analyze.CaptureSummary;
import org.mptcpstat.cli.compat.CompatFormat;
import org.mptcpstat.emitters.table.TableFormat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analyzes one capture with {@code --compat mptcptrace} into a folder, as {@code analyze} does. */
final class CompatAnalysis
{
    private CompatAnalysis()
    {
    }

    /** @return the folder, holding the CSV tables and mptcptrace's files. */
    static Path analyze(final Path capture, final Path folder)
    {
        final CaptureSummary summary = new CaptureAnalysis(capture, folder, Analyzer.builder().build(),
            EnumSet.of(TableFormat.CSV), EnumSet.of(CompatFormat.MPTCPTRACE), new AtomicLong(), new AtomicLong()).run();
        assertTrue(summary.complete(), capture + ": " + summary.problem());
        return folder;
    }
}
