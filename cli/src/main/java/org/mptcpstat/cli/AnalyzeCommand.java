package org.mptcpstat.cli;

import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.FolderTableOutput;
import org.mptcpstat.api.StreamTableOutput;
import org.mptcpstat.api.TableOutput;
import org.mptcpstat.cli.analyze.Analysis;
import org.mptcpstat.cli.compat.CompatFormat;
import org.mptcpstat.cli.analyze.InterfaceMapFile;
import org.mptcpstat.cli.analyze.OutputFolderCheck;
import org.mptcpstat.emitters.OutputTables;
import org.mptcpstat.emitters.mptcp.MptcpSeriesTable;
import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.socks.ShadowsocksTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code mptcpstat analyze}: captures in, per-connection tables out. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Analyze captures (files or folders; pcap or pcapng, plain or gzip) in one pass each and write, " +
        "per capture, the TCP tables (tcp_connections, tcp_retransmissions, tcp_ack_sizes) and the MPTCP tables " +
        "(mptcp_connections, mptcp_subflows, mptcp_events, mptcp_reinjections, mptcp_bursts, mptcp_data_ack_sizes; " +
        "mptcp_series with --series) into OUTPUT/<capture name>/.")
final class AnalyzeCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE_OR_FOLDER",
        description = "Captures, or folders walked recursively; - reads a capture from standard input.")
    private List<Path> inputs;

    @Option(names = { "-o", "--output" }, paramLabel = "DIR", defaultValue = "mptcpstat-out",
        description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--format", split = ",", paramLabel = "FORMATS", defaultValue = "csv,bin",
        description = "Table formats: csv, bin, or both (default: ${DEFAULT-VALUE}).")
    private List<String> formats;

    @Option(names = "--pattern", split = ",", paramLabel = "TEXT",
        description = "In folders, take only files whose name contains one of these (e.g. _any.,_wlan0.).")
    private List<String> patterns = new ArrayList<>();

    @Option(names = { "-j", "--threads" }, paramLabel = "N",
        description = "Threads in all (default: the number of cores): captures are analyzed in parallel, and when " +
            "there are fewer captures than threads, the spare ones go to the large captures (16 MiB or more, gzip, " +
            "standard input); one that gets 3 or more is split among workers: same tables, rows in another order.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
        description = "Capture time without packets after which a connection ends (default: ${DEFAULT-VALUE}).")
    private double idleTimeoutSeconds;

    @Option(names = "--proxy", split = ",", paramLabel = "ADDR_OR_PREFIX",
        description = "Addresses or prefixes of the proxy: the server side of connections whose SYN was not seen.")
    private List<String> proxy = new ArrayList<>();

    @Option(names = "--only-proxy", description = "Keep only connections to or from the --proxy addresses.")
    private boolean onlyProxy;

    @Option(names = "--wifi-prefix", split = ",", paramLabel = "PREFIX",
        description = "Phone addresses or prefixes on WiFi (e.g. 192.168.0.0/16).")
    private List<String> wifiPrefixes = new ArrayList<>();

    @Option(names = "--cell-prefix", split = ",", paramLabel = "PREFIX",
        description = "Phone addresses or prefixes on cellular networks (e.g. 10.0.0.0/8).")
    private List<String> cellPrefixes = new ArrayList<>();

    @Option(names = "--iface-map", paramLabel = "FILE",
        description = "Lines 'address,interface' (wlan0, rmnet0, wifi, cellular, ...) naming each phone address's network.")
    private Path interfaceMap;

    @Option(names = "--socks-password", paramLabel = "PASSWORD",
        description = "Password of the shadowsocks 'table' cipher that hid the phones' SOCKS requests.")
    private String socksPassword;

    @Option(names = "--stdout", paramLabel = "TABLE",
        description = "Stream this one table to standard output as connections finish (CSV, or binary with " +
            "--format bin), instead of writing tables into the output folder; captures are then analyzed one " +
            "after another and the summary goes to standard error.")
    private String stdoutTable;

    @Option(names = "--compat", split = ",", paramLabel = "TOOL",
        description = "Also write, per capture, the files these tools write: ${COMPLETION-CANDIDATES} " +
            "(see docs/COMPAT.md).")
    private List<CompatFormat> compat = new ArrayList<>();

    @Option(names = "--series", description = "Also write mptcp_series: every data packet and new DATA_ACK of the " +
        "MPTCP connections with at least --series-min-bytes data bytes, for 'report' time-sequence plots.")
    private boolean series;

    private long seriesMinBytes = Analyzer.DEFAULT_SERIES_MIN_BYTES;

    @Option(names = "--series-min-bytes", paramLabel = "N", description = "Data bytes (both directions) an MPTCP " +
        "connection needs for its series (default: " + Analyzer.DEFAULT_SERIES_MIN_BYTES + "); implies --series.")
    private void seriesMinBytes(final long minBytes)
    {
        if (minBytes < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--series-min-bytes must not be negative");
        }
        seriesMinBytes = minBytes;
        series = true;
    }

    @Option(names = { "-q", "--quiet" }, description = "No progress line.")
    private boolean quiet;

    @Option(names = "--max-open-connections", paramLabel = "N", defaultValue = "1000000",
        description = "TCP connections held open at most per capture; beyond, the least recently active one ends " +
            "(end reason timeout) and counts as evicted in the summary (default: ${DEFAULT-VALUE}).")
    private int maxOpenConnections;

    @Option(names = "--debug", description = "Show the stack trace of unexpected errors (bugs), not only their message.")
    private boolean debug;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with defaults for these options, one 'option-name = value' per line " +
            "(e.g. proxy = 10.8.0.0/16,2001:db8::1 and idle-timeout = 600); the command line wins.")
    private Path config;

    /** @return whether --debug was given: unexpected errors then show their stack trace. */
    boolean debug()
    {
        return debug;
    }

    @Override
    public Integer call() throws Exception
    {
        final CommandLine commandLine = spec.commandLine();
        if (threads < 1 || idleTimeoutSeconds <= 0)
        {
            throw new CommandLine.ParameterException(commandLine, threads < 1 ?
                "--threads must be at least 1" : "--idle-timeout must be positive");
        }
        // Usage errors of our own: one line, no usage text, exit code 2.
        final String usageProblem = maxOpenConnections < 1 ? "--max-open-connections must be at least 1" :
            OutputFolderCheck.problem(output, inputs);
        if (usageProblem != null)
        {
            commandLine.getErr().println("mptcpstat: " + usageProblem);
            return ExitCodes.USAGE;
        }
        if (stdoutTable != null && OutputTables.schemas().stream().noneMatch(t -> t.name().equals(stdoutTable)))
        {
            throw new CommandLine.ParameterException(commandLine, "--stdout: no table named '" + stdoutTable +
                "' (" + OutputTables.schemas().stream().map(TableSchema::name).collect(Collectors.joining(", ")) + ")");
        }
        final Set<TableFormat> tableFormats = EnumSet.noneOf(TableFormat.class);
        for (final String format : formats)
        {
            try
            {
                tableFormats.add(TableFormat.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.ParameterException(commandLine, "unknown format '" + format + "' (csv, bin)");
            }
        }
        final AddressPrefixes servers;
        try
        {
            servers = AddressPrefixes.parse(proxy);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(commandLine, "--proxy: " + ex.getMessage());
        }
        if (onlyProxy && proxy.isEmpty())
        {
            throw new CommandLine.ParameterException(commandLine, "--only-proxy needs --proxy");
        }
        final InterfaceClassifier interfaces;
        try
        {
            interfaces = InterfaceMapFile.classifier(interfaceMap, wifiPrefixes, cellPrefixes);
        }
        catch (final IOException ex)
        {
            throw new CommandLine.ParameterException(commandLine, ex instanceof NoSuchFileException ?
                "--iface-map " + interfaceMap + ": no such file" : ex.getMessage());
        }
        final PrintWriter err = commandLine.getErr();
        final Function<Path, TableOutput> tablesOfCapture;
        if (stdoutTable != null)
        {
            // A pipe takes one format; CSV unless only binary was asked for.
            final TableFormat format = commandLine.getParseResult().hasMatchedOption("--format") &&
                tableFormats.size() == 1 ? tableFormats.iterator().next() : TableFormat.CSV;
            final TableOutput stream = new StreamTableOutput(stdoutTable, format, main.out());
            tablesOfCapture = folder -> stream;
        }
        else
        {
            tablesOfCapture = folder -> new FolderTableOutput(folder, tableFormats);
        }
        final Analyzer.Builder analyzer = Analyzer.builder()
            .idleTimeout(Duration.ofNanos((long)(idleTimeoutSeconds * 1e9)))
            .servers(servers)
            .onlyServers(onlyProxy)
            .interfaces(interfaces)
            .socksTable(socksPassword == null ? null : ShadowsocksTable.fromPassword(socksPassword))
            .maxOpenConnections(maxOpenConnections)
            .series(series || MptcpSeriesTable.schema().name().equals(stdoutTable)).seriesMinBytes(seriesMinBytes);
        final Set<CompatFormat> compatFormats = compat.isEmpty() ? Set.of() : EnumSet.copyOf(compat);
        final Analysis analysis = new Analysis(output, analyzer, tablesOfCapture, compatFormats, threads,
            !quiet && System.console() != null)
            .oneAtATime(stdoutTable != null)
            .debug(debug)
            .standardInput(main.in())
            .tablesPlace(stdoutTable == null ? null : "standard output");
        final boolean allComplete = analysis.run(inputs, patterns,
            stdoutTable == null ? new PrintWriter(main.out(), true) : err, err);
        return allComplete ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
