package org.mptcpstat.cli.compat;

import org.mptcpstat.cli.compat.mptcptrace.MptcptraceOutput;
import org.mptcpstat.cli.compat.tstat.TstatOutput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The tools whose output files {@code analyze --compat} can write (see docs/COMPAT.md). */
public enum CompatFormat
{
    /** mptcptrace's per-connection CSV files, connection list and capture counters. */
    MPTCPTRACE(MptcptraceOutput::new),
    /** tstat 3.3.0's log_tcp_complete and log_tcp_nocomplete. */
    TSTAT(TstatOutput::new);

    private final Factory factory;

    CompatFormat(final Factory factory)
    {
        this.factory = factory;
    }

    /** @return the name users give in {@code --compat}: picocli also matches values by it. */
    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param capture      the capture being analyzed (some tools name it in their files).
     * @param outputFolder the capture's output folder; it exists.
     */
    public CompatOutput open(final Path capture, final Path outputFolder) throws IOException
    {
        return factory.open(capture, outputFolder);
    }

    /** Opens one capture's files. */
    @FunctionalInterface
    interface Factory
    {
        CompatOutput open(Path capture, Path outputFolder) throws IOException;
    }
}
