package org.mptcpstat.cli;

import org.mptcpstat.emitters.table.BinaryTableReader;
import org.mptcpstat.emitters.table.CsvSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code mptcpstat convert}: a binary table as CSV, so a run can write only the compact
 * {@code .bin} tables and still give people CSV when they want it.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = "Print a binary table (FILE.bin, see docs/FORMAT.md) as CSV on standard output: byte for byte " +
        "the FILE.csv the same run would have written.")
final class ConvertCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .bin table written by mptcpstat.")
    private Path file;

    @Override
    public Integer call()
    {
        try (BinaryTableReader reader = BinaryTableReader.open(file);
            CsvSink csv = CsvSink.toStream(main.out(), reader.schema(), reader.timeDecimals(), reader.floatDecimals()))
        {
            reader.replay(csv);
            csv.commit();
            return ExitCodes.OK;
        }
        catch (final NoSuchFileException ex)
        {
            return fail("no such file");
        }
        catch (final IOException ex)
        {
            return fail(ex.getMessage());
        }
    }

    private int fail(final String reason)
    {
        spec.commandLine().getErr().println("mptcpstat: " + file + ": " + reason);
        return ExitCodes.FAILED;
    }
}
