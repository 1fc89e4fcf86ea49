package org.mptcpstat.cli.compat;

import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.FolderTableOutput;
import org.mptcpstat.cli.analyze.CaptureAnalysis;
import org.mptcpstat.cli.analyze.CaptureSummary;
import org.mptcpstat.emitters.table.TableFormat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analyzes one capture with {@code --compat TOOL} into a folder, as {@code analyze} does. */
public final class CompatAnalysis
{
    private CompatAnalysis()
    {
    }

    /** @return the folder, holding the CSV tables and the tool's files. */
    public static Path analyze(final Path capture, final Path folder, final CompatFormat tool)
    {
        final CaptureSummary summary = new CaptureAnalysis(capture, folder, Analyzer.builder().build(),
            new FolderTableOutput(folder, EnumSet.of(TableFormat.CSV)), EnumSet.of(tool), new AtomicLong(),
            new AtomicLong()).run();
        assertTrue(summary.complete(), capture + ": " + summary.problem());
        return folder;
    }
}
