package org.mptcpstat.bench.generate;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench/generate}: writes a synthetic capture of TCP and MPTCP conversations, and its
 * ground truth, from a seed. See {@link CaptureGeneration} for how, {@link SubflowTraffic} and
 * {@link MptcpConversationPlanner} for what the ground truth counts.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write a deterministic synthetic capture of TCP and MPTCP (v0 and v1) conversations, of any size, " +
        "in constant memory, and beside it, in CAPTURE.truth/, the tables the analyzer must find in it.")
public final class CaptureGenerator implements Callable<Integer>
{
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE = 2;

    @Parameters(paramLabel = "CAPTURE", description = "The capture file to write.")
    private Path capture;

    @Option(names = "--seed", defaultValue = "1", description = "Every byte follows from it (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--tcp", defaultValue = "1000", paramLabel = "N",
        description = "Plain TCP conversations (default: ${DEFAULT-VALUE}).")
    private long tcp;

    @Option(names = "--mptcp", defaultValue = "1000", paramLabel = "N",
        description = "MPTCP conversations (default: ${DEFAULT-VALUE}).")
    private long mptcp;

    @Option(names = "--size", paramLabel = "SIZE",
        description = "Instead of the counts: conversations in their proportion until the file holds SIZE bytes " +
            "(suffixes k, M, G, T: powers of 1000).")
    private String size;

    @Option(names = "--concurrency", defaultValue = "64", paramLabel = "N",
        description = "Conversations in progress at once (default: ${DEFAULT-VALUE}, at most 65534).")
    private int concurrency;

    @Option(names = "--gap", defaultValue = "1", paramLabel = "SECONDS",
        description = "Mean idle time between two conversations of one lane (default: ${DEFAULT-VALUE}).")
    private double gapSeconds;

    @Option(names = "--subflows", defaultValue = "2", paramLabel = "N",
        description = "Subflows per MPTCP connection, 1 to 3, plus one after an ADD_ADDR (default: ${DEFAULT-VALUE}).")
    private int subflows;

    @Option(names = "--v0-share", defaultValue = "0.5", paramLabel = "P",
        description = "MPTCP connections speaking v0 rather than v1 (default: ${DEFAULT-VALUE}).")
    private double v0Share;

    @Option(names = "--cellular-share", defaultValue = "0.3", paramLabel = "P",
        description = "Conversations starting on the cellular address, 10.0.0.0/8, not WiFi, 192.168.0.0/16 " +
            "(default: ${DEFAULT-VALUE}).")
    private double cellularShare;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
        description = "Request/response rounds per conversation, at most; 0: no data at all, not even bulk (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--request-bytes", defaultValue = "400", paramLabel = "BYTES",
        description = "Mean request size (default: ${DEFAULT-VALUE}).")
    private int requestBytes;

    @Option(names = "--response-bytes", defaultValue = "20000", paramLabel = "BYTES",
        description = "Mean response size (default: ${DEFAULT-VALUE}).")
    private int responseBytes;

    @Option(names = "--bulk-share", defaultValue = "0.05", paramLabel = "P",
        description = "Conversations that are one bulk download instead (default: ${DEFAULT-VALUE}).")
    private double bulkShare;

    @Option(names = "--bulk-bytes", defaultValue = "1000000", paramLabel = "BYTES",
        description = "Size of a bulk download (default: ${DEFAULT-VALUE}).")
    private long bulkBytes;

    @Option(names = "--loss", defaultValue = "0.05", paramLabel = "P",
        description = "Flights of segments that lose one (default: ${DEFAULT-VALUE}).")
    private double loss;

    @Option(names = "--reorder", defaultValue = "0.05", paramLabel = "P",
        description = "Flights that swap two segments (default: ${DEFAULT-VALUE}).")
    private double reorder;

    @Option(names = "--reinjection", defaultValue = "0.1", paramLabel = "P",
        description = "MPTCP data chunks reinjected on another subflow (default: ${DEFAULT-VALUE}).")
    private double reinjection;

    @Option(names = "--add-addr-share", defaultValue = "0.2", paramLabel = "P",
        description = "MPTCP connections whose server announces a second address (default: ${DEFAULT-VALUE}).")
    private double addAddrShare;

    @Option(names = "--backup-share", defaultValue = "0.1", paramLabel = "P",
        description = "Joins that start as backup (default: ${DEFAULT-VALUE}).")
    private double backupShare;

    @Option(names = "--mp-prio-share", defaultValue = "0.2", paramLabel = "P",
        description = "MPTCP connections that make their second subflow backup midway (default: ${DEFAULT-VALUE}).")
    private double mpPrioShare;

    @Option(names = "--fastclose-share", defaultValue = "0.1", paramLabel = "P",
        description = "MPTCP connections ended by MP_FASTCLOSE (default: ${DEFAULT-VALUE}).")
    private double fastcloseShare;

    @Option(names = "--reset-share", defaultValue = "0.05", paramLabel = "P",
        description = "TCP conversations ended by a RST (default: ${DEFAULT-VALUE}).")
    private double resetShare;

    @Option(names = "--port-reuse", defaultValue = "0.1", paramLabel = "P",
        description = "TCP conversations reusing their lane's previous 4-tuple (default: ${DEFAULT-VALUE}).")
    private double portReuseShare;

    @Option(names = "--link", defaultValue = "ethernet", paramLabel = "LINK",
        description = "ethernet, sll or sll2 (default: ${DEFAULT-VALUE}).")
    private String link;

    @Option(names = "--format", defaultValue = "pcap", paramLabel = "FORMAT",
        description = "pcap (microseconds) or pcapng (nanoseconds) (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--snaplen", defaultValue = "full", paramLabel = "SNAPLEN",
        description = "full, or headers: payload left out, lengths still in the IP headers (default: ${DEFAULT-VALUE}).")
    private String snaplen;

    @Option(names = "--no-truth", description = "Write no ground truth.")
    private boolean noTruth;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns the exit code: 0 written, 1 failed, 2 bad usage. */
    public static int run(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new CaptureGenerator());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            err.println("generate: " + ex.getMessage());
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            err.println("generate: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return FAILED;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException
    {
        final GeneratorSettings settings = settings();
        final long started = System.nanoTime();
        final CaptureGeneration.Summary summary = new CaptureGeneration(settings).writeTo(capture);
        spec.commandLine().getOut().printf(Locale.ROOT,
            "%s: %d bytes, %d packets; %d TCP and %d MPTCP conversations, %d TCP connections; %.1f s%n", capture,
            summary.bytes(), summary.packets(), summary.tcpConversations(), summary.mptcpConversations(),
            summary.tcpConnections(), (System.nanoTime() - started) / 1e9);
        return OK;
    }

    private GeneratorSettings settings()
    {
        require(tcp >= 0 && mptcp >= 0 && tcp + mptcp > 0, "--tcp and --mptcp must not be negative, nor both 0");
        require(concurrency >= 1 && concurrency <= Lane.MAX_LANES, "--concurrency must be 1 to " + Lane.MAX_LANES);
        require(gapSeconds >= 0 && gapSeconds < 100, "--gap must be 0 to 100 seconds");
        require(subflows >= 1 && subflows <= Conversation.MAX_SUBFLOWS - 1, "--subflows must be 1 to 3");
        require(rounds >= 0, "--rounds must not be negative");
        require(requestBytes >= 1 && responseBytes >= 1 && bulkBytes >= 1, "sizes must be at least 1 byte");
        require(bulkBytes <= 1L << 30, "--bulk-bytes must be at most 2^30");
        for (final double share : new double[] { v0Share, cellularShare, bulkShare, loss, reorder, reinjection,
            addAddrShare, backupShare, mpPrioShare, fastcloseShare, resetShare, portReuseShare })
        {
            require(share >= 0 && share <= 1, "shares and rates must be between 0 and 1, not " + share);
        }
        return new GeneratorSettings(seed, tcp, mptcp, size == null ? 0 : parseSize(size), concurrency,
            (long)(gapSeconds * 1e9), subflows, v0Share, cellularShare, rounds, requestBytes, responseBytes, bulkShare,
            bulkBytes, loss, reorder, reinjection, addAddrShare, backupShare, mpPrioShare, fastcloseShare, resetShare,
            portReuseShare, choice(LinkLayer.class, "--link", link), choice(CaptureFormat.class, "--format", format),
            choice(Snaplen.class, "--snaplen", snaplen) == Snaplen.HEADERS, !noTruth);
    }

    /** How much of each frame the capture keeps. */
    private enum Snaplen
    {
        FULL,
        HEADERS
    }

    private <E extends Enum<E>> E choice(final Class<E> type, final String option, final String value)
    {
        try
        {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": unknown value '" + value + "'");
        }
    }

    private long parseSize(final String text)
    {
        final String digits = text.replaceAll("[kKMGT]$", "");
        final long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1))
        {
            case 'k', 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'G' -> 1_000_000_000L;
            case 'T' -> 1_000_000_000_000L;
            default -> 1L;
        };
        try
        {
            final long bytes = Math.multiplyExact(Long.parseLong(digits), unit);
            require(bytes > 0, "--size must be positive");
            return bytes;
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size: not a size: '" + text + "'");
        }
    }

    private void require(final boolean condition, final String problem)
    {
        if (!condition)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
    }
}
