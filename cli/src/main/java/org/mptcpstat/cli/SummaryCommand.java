package org.mptcpstat.cli;

import org.mptcpstat.cli.summary.CampaignSummary;
import org.mptcpstat.cli.summary.CaptureFolders;
import org.mptcpstat.cli.summary.SummaryFilter;
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
        "bytes, top server ports, SOCKS destination ports, subflows per MPTCP connection, failed joins, fallbacks, " +
        "retransmission and reinjection overhead, MPTCP events. Folders without tables are reported on standard " +
        "error and skipped.")
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

    @Option(names = "--since", paramLabel = "TIME",
        description = "Count only connections that started (first_time) at or after TIME, epoch seconds with " +
            "decimals, e.g. 1795868931.5: TCP connections by their own first packet, MPTCP connections by the " +
            "first packet of any subflow.")
    private String since;

    @Option(names = "--until", paramLabel = "TIME",
        description = "Count only connections that started (first_time) before TIME, epoch seconds with decimals.")
    private String until;

    @Option(names = "--server", paramLabel = "PREFIX", split = ",",
        description = "Count only connections to these servers (IPv4/IPv6 prefixes or addresses, comma-separated " +
            "or repeated; the old pipeline's \"only proxy\"): TCP connections whose server_addr is in one, MPTCP " +
            "connections with a subflow whose server_addr is in one, and only those MPTCP connections' subflows " +
            "and events.")
    private List<String> servers = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "OUTPUT_DIR", description = "Folders written by 'mptcpstat analyze -o'.")
    private List<Path> folders;

    @Override
    public Integer call() throws IOException
    {
        if (minBytes < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-bytes must not be negative");
        }
        final SummaryFilter filter;
        try
        {
            filter = new SummaryFilter(since, until, servers);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        final PrintWriter err = spec.commandLine().getErr();
        final CampaignSummary summary = new CampaignSummary(minBytes, filter);
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
