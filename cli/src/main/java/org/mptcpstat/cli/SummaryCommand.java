package org.mptcpstat.cli;

import org.mptcpstat.cli.summary.CampaignSummary;
import org.mptcpstat.cli.summary.CaptureFolders;
import org.mptcpstat.cli.summary.SummaryJson;
import org.mptcpstat.cli.summary.SummaryPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mptcpstat summary}: the figures of a whole campaign, from the binary tables {@code analyze} wrote. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = "Print the totals of every capture folder under the given output folders of 'analyze' (read " +
        "from the .bin tables): connections, packets and bytes per direction, MPTCP data-level and per-interface " +
        "bytes, top server ports, subflows per MPTCP connection, failed joins, fallbacks, retransmission and " +
        "reinjection overhead, MPTCP events. Folders without tables are reported on standard error and skipped.")
final class SummaryCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    private boolean json;

    @Option(names = "--min-bytes", paramLabel = "N", defaultValue = "0",
        description = "Count only TCP connections with at least N payload bytes and MPTCP connections with at " +
            "least N data bytes, both directions together (default: ${DEFAULT-VALUE}).")
    private long minBytes;

    @Parameters(arity = "1..*", paramLabel = "OUTPUT_DIR", description = "Folders written by 'mptcpstat analyze -o'.")
    private List<Path> folders;

    @Override
    public Integer call() throws IOException
    {
        if (minBytes < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-bytes must not be negative");
        }
        final PrintWriter err = spec.commandLine().getErr();
        final CampaignSummary summary = new CampaignSummary(minBytes);
        final List<String> problems = new ArrayList<>();
        for (final Path folder : folders)
        {
            try
            {
                for (final Path capture : CaptureFolders.find(folder, problems))
                {
                    add(summary, capture, problems);
                }
            }
            catch (final IOException ex)
            {
                problems.add(ex.getMessage());
            }
        }
        problems.forEach(problem -> err.println("mptcpstat: " + problem));
        final String text = json ? SummaryJson.of(summary) : SummaryPrinter.text(summary);
        main.out().write(text.getBytes(StandardCharsets.UTF_8));
        main.out().flush();
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void add(final CampaignSummary summary, final Path capture, final List<String> problems)
    {
        try
        {
            summary.add(capture);
        }
        catch (final IOException ex)
        {
            problems.add(capture + ": " + ex.getMessage());
        }
    }
}
