package org.mptcpstat.cli;

import org.mptcpstat.cli.report.Report;
import org.mptcpstat.cli.report.ReportData;
import org.mptcpstat.cli.summary.CaptureFolders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mptcpstat report}: plots of a whole campaign, from the binary tables {@code analyze} wrote. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Draw the plots of every capture folder under the given output folders of 'analyze' (read " +
        "from the .bin tables) into REPORT_DIR, each as SVG and PNG, with an index.html that shows them: CDFs of " +
        "TCP connection duration, payload bytes, RTT, retransmission overhead and ACK sizes, subflows per MPTCP " +
        "connection, shares of MPTCP data on the initial subflow and per interface, reinjection overhead, " +
        "data-level RTT, RTT difference between subflows, MP_JOIN delay, DATA_ACK sizes, burst sizes and " +
        "durations, subflow switching frequency; bar charts of server ports and failed joins; time-sequence plots of " +
        "the largest MPTCP connections analyzed with --series. Folders without tables are reported on standard " +
        "error and skipped.")
final class ReportCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = { "-o", "--output" }, paramLabel = "REPORT_DIR", required = true,
        description = "Folder for the plots and index.html; made if needed, files of the same names replaced.")
    private Path reportFolder;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
        description = "Time-sequence plots for the N MPTCP connections with the most data bytes among those with " +
            "series (analyze --series), one per direction that carried data (default: ${DEFAULT-VALUE}).")
    private int top;

    @Parameters(arity = "1..*", paramLabel = "OUTPUT_DIR", description = "Folders written by 'mptcpstat analyze -o'.")
    private List<Path> folders;

    @Override
    public Integer call()
    {
        // Plots are drawn off-screen: no display is needed, whatever the JVM was started with.
        System.setProperty("java.awt.headless", "true");
        if (top < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must not be negative");
        }
        final PrintWriter err = spec.commandLine().getErr();
        final ReportData data = new ReportData();
        final List<String> problems = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        for (final Path folder : folders)
        {
            sources.add(folder.toString());
            try
            {
                for (final Path capture : CaptureFolders.find(folder, problems))
                {
                    add(data, capture, problems);
                }
            }
            catch (final IOException ex)
            {
                problems.add(ex.getMessage());
            }
        }
        problems.forEach(problem -> err.println("mptcpstat: " + problem));
        try
        {
            Report.write(data, reportFolder, sources, top);
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("mptcpstat: " + reportFolder + ": cannot write the report: " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void add(final ReportData data, final Path capture, final List<String> problems)
    {
        try
        {
            data.add(capture);
        }
        catch (final IOException ex)
        {
            problems.add(capture + ": " + ex.getMessage());
        }
    }
}
