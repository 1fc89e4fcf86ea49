package org.mptcpstat.api;

import org.mptcpstat.emitters.mptcp.MptcpSeriesWriter;
import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.TcpListenerTee;
import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.mptcp.MptcpListener;
import org.mptcpstat.flowtable.mptcp.MptcpListenerTee;
import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.flowtable.socks.ShadowsocksTable;
import org.mptcpstat.flowtable.socks.SocksSniffer;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The public entry point: analyzes a capture in one pass, parser → flow table → tables, and
 * delivers finished connections, subflows and events to a {@link TableOutput} (rows, value by
 * value) and, when given, to listeners that read the flow table's flyweights directly. Nothing
 * is allocated per packet or per row.
 * <pre>{@code
 * Analyzer analyzer = Analyzer.builder().idleTimeout(Duration.ofMinutes(10)).build();
 * AnalysisResult result = analyzer.analyze(Path.of("trace.pcap"),
 *     new FolderTableOutput(Path.of("out"), EnumSet.of(TableFormat.CSV)));
 * }</pre>
 * An analyzer holds only settings: one instance may analyze many captures, on many threads at
 * once, each call with its own outputs and listeners.
 * <p>
 * With {@link Builder#threads(int)} of 3 or more, a large capture is analyzed by several workers, each
 * tracking the connections whose packets the caller's thread routes to it (see
 * {@link ParallelAnalysis}); the tables hold the same rows as with one thread, in another order.
 */
public final class Analyzer
{
    /** Data bytes an MPTCP connection needs for its series unless set otherwise: 1 MB. */
    public static final long DEFAULT_SERIES_MIN_BYTES = 1_000_000;
    /**
     * Captures smaller than this are analyzed in the caller's thread whatever {@link Builder#threads}
     * says: starting workers would cost more than they save.
     */
    public static final long DEFAULT_PARALLEL_MIN_BYTES = 16L << 20;
    /**
     * Workers a capture needs to be split at all. A lone worker would only overlap reading with
     * tracking (reading is a tenth of the work); copying and decoding every packet twice cost as
     * much, and it measured slower than one thread (docs/PERFORMANCE.md).
     */
    private static final int MIN_WORKERS = 2;
    /** Packets between two progress reports (and checks for cancellation). */
    private static final int PROGRESS_INTERVAL = 1 << 12;

    private final long idleTimeoutNanos;
    private final AddressPrefixes serverPrefixes;
    private final boolean onlyServers;
    private final InterfaceClassifier interfaces;
    private final ShadowsocksTable socksTable;
    private final int maxOpenConnections;
    private final boolean series;
    private final long seriesMinBytes;
    private final int seriesMaxRows;
    private final int threads;
    private final long parallelMinBytes;

    private Analyzer(final Builder builder)
    {
        this.idleTimeoutNanos = builder.idleTimeoutNanos;
        this.serverPrefixes = builder.serverPrefixes;
        this.onlyServers = builder.onlyServers;
        this.interfaces = builder.interfaces;
        this.socksTable = builder.socksTable;
        this.maxOpenConnections = builder.maxOpenConnections;
        this.series = builder.series;
        this.seriesMinBytes = builder.seriesMinBytes;
        this.seriesMaxRows = builder.seriesMaxRows;
        this.threads = builder.threads;
        this.parallelMinBytes = builder.parallelMinBytes;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /** Analyzes a capture file (pcap or pcapng, plain or gzip) into tables. */
    public AnalysisResult analyze(final Path capture, final TableOutput tables) throws IOException
    {
        return analyze(capture, tables, null, null, AnalysisProgress.NONE);
    }

    /**
     * Analyzes a capture file.
     *
     * @param tcpListener   also told of every finished TCP connection and retransmission, or null.
     * @param mptcpListener also told of every MPTCP connection, signal and mapping, or null.
     */
    public AnalysisResult analyze(final Path capture, final TableOutput tables, final TcpConnectionListener tcpListener,
        final MptcpListener mptcpListener, final AnalysisProgress progress) throws IOException
    {
        try (CaptureReader reader = CaptureReaders.open(capture))
        {
            return analyze(reader, tables, tcpListener, mptcpListener, progress);
        }
    }

    /**
     * Analyzes what a reader reads (a file, standard input), then commits the tables; on failure
     * the tables are aborted and the exception thrown. A capture that ends in damaged data still
     * yields its tables: {@link AnalysisResult#fault()} says where reading stopped.
     *
     * @throws AnalysisCancelledException when {@code progress} asked to stop.
     */
    public AnalysisResult analyze(final CaptureReader reader, final TableOutput tables,
        final TcpConnectionListener tcpListener, final MptcpListener mptcpListener, final AnalysisProgress progress)
        throws IOException
    {
        try
        {
            final AnalysisResult result = run(reader, tables, tcpListener, mptcpListener, progress);
            tables.commit();
            return result;
        }
        catch (final IOException | RuntimeException ex)
        {
            tables.abort();
            throw ex;
        }
    }

    private AnalysisResult run(final CaptureReader reader, final TableOutput tables,
        final TcpConnectionListener tcpListener, final MptcpListener mptcpListener, final AnalysisProgress progress)
        throws IOException
    {
        final PacketRecord record = new PacketRecord();
        final PacketDecoder decoder = new PacketDecoder();
        final TcpPacket packet = new TcpPacket();
        // The first record tells the timestamp precision, which the tables' time columns take.
        final boolean any = reader.next(record);
        if (any && tcpListener != null)
        {
            tcpListener.onCaptureStart(record.timestampNanos());
        }
        final CaptureSinks sinks = CaptureSinks.open(tables, reader.timestampDecimals(), series);
        final boolean parallel = threads - 1 >= MIN_WORKERS &&
            (reader.size() < 0 || reader.size() >= parallelMinBytes);
        try (PacketConsumer consumer = parallel ?
            new ParallelAnalysis(this, reader, threads - 1, sinks, tcpListener, mptcpListener) :
            trackers(sinks, tcpListener, mptcpListener, maxOpenConnections))
        {
            long packets = 0;
            long tcpPackets = 0;
            for (boolean more = any; more; more = reader.next(record))
            {
                packets++;
                if (decoder.decode(record, packet) == DecodeStatus.TCP && keeps(packet))
                {
                    tcpPackets++;
                    consumer.onTcpPacket(record, packet);
                }
                if ((packets & (PROGRESS_INTERVAL - 1)) == 0 && !progress.onProgress(packets, reader.bytesConsumed()))
                {
                    throw new AnalysisCancelledException();
                }
            }
            if (!progress.onProgress(packets, reader.bytesConsumed()))
            {
                throw new AnalysisCancelledException();
            }
            consumer.endOfCapture();
            return new AnalysisResult(packets, tcpPackets, reader.bytesConsumed(), consumer.connections(),
                consumer.mptcpConnections(), reader.malformedRecords(), reader.fault(), consumer.evictions());
        }
    }

    /**
     * The trackers of a capture, or of one worker's share of it, writing the tables and telling the
     * listeners (either may be null).
     *
     * @param maxOpen connections these trackers hold at most.
     */
    CaptureTrackers trackers(final CaptureSinks sinks, final TcpConnectionListener tcpListener,
        final MptcpListener mptcpListener, final int maxOpen)
    {
        final MptcpListener mptcpTables = sinks.mptcpWriter(seriesMinBytes, seriesMaxRows);
        final TcpConnectionListener tcpTables = sinks.tcpWriter();
        final MptcpTracker mptcp = new MptcpTracker(interfaces,
            mptcpListener == null ? mptcpTables : new MptcpListenerTee(mptcpTables, mptcpListener));
        final TcpTracker tracker = new TcpTracker(idleTimeoutNanos, serverPrefixes,
            tcpListener == null ? tcpTables : new TcpListenerTee(tcpTables, tcpListener), mptcp,
            new SocksSniffer(socksTable));
        tracker.maxOpenConnections(maxOpen);
        return new CaptureTrackers(tracker, mptcp);
    }

    long idleTimeoutNanos()
    {
        return idleTimeoutNanos;
    }

    int maxOpenConnections()
    {
        return maxOpenConnections;
    }

    /** @return whether a packet is analyzed at all: with {@code onlyServers}, only the servers' are. */
    private boolean keeps(final TcpPacket packet)
    {
        return !onlyServers ||
            serverPrefixes.contains(packet.ipVersion(), packet.sourceHigh(), packet.sourceLow()) ||
            serverPrefixes.contains(packet.ipVersion(), packet.destinationHigh(), packet.destinationLow());
    }

    /** Settings of an {@link Analyzer}; every one has a default. */
    public static final class Builder
    {
        private long idleTimeoutNanos = TcpTracker.DEFAULT_IDLE_TIMEOUT_NANOS;
        private AddressPrefixes serverPrefixes = AddressPrefixes.none();
        private boolean onlyServers;
        private InterfaceClassifier interfaces = InterfaceClassifier.none();
        private ShadowsocksTable socksTable;
        private int maxOpenConnections = TcpTracker.DEFAULT_MAX_OPEN_CONNECTIONS;
        private boolean series;
        private long seriesMinBytes = DEFAULT_SERIES_MIN_BYTES;
        private int seriesMaxRows = MptcpSeriesWriter.DEFAULT_MAX_ROWS;
        private int threads = 1;
        private long parallelMinBytes = DEFAULT_PARALLEL_MIN_BYTES;

        private Builder()
        {
        }

        /** Capture time without packets after which a connection ends (default 300 s). */
        public Builder idleTimeout(final Duration timeout)
        {
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
            }
            idleTimeoutNanos = timeout.toNanos();
            return this;
        }

        /** The server (proxy) side, for connections whose SYN was not captured (default: none). */
        public Builder servers(final AddressPrefixes prefixes)
        {
            serverPrefixes = prefixes;
            return this;
        }

        /** Analyze only packets to or from the {@link #servers} (default: all packets). */
        public Builder onlyServers(final boolean only)
        {
            onlyServers = only;
            return this;
        }

        /** How subflows are classed as WiFi or cellular (default: unknown). */
        public Builder interfaces(final InterfaceClassifier classifier)
        {
            interfaces = classifier;
            return this;
        }

        /** The shadowsocks table that hid SOCKS requests, or null (default: plain SOCKS5 only). */
        public Builder socksTable(final ShadowsocksTable table)
        {
            socksTable = table;
            return this;
        }

        /** TCP connections held open at most; beyond, the least recently active one ends. */
        public Builder maxOpenConnections(final int max)
        {
            if (max < 1)
            {
                throw new IllegalArgumentException("max open connections must be at least 1: " + max);
            }
            maxOpenConnections = max;
            return this;
        }

        /**
         * Also write {@code mptcp_series}, the packet-by-packet data and DATA_ACKs of the MPTCP
         * connections with at least {@link #seriesMinBytes} data bytes (default: not written).
         */
        public Builder series(final boolean keep)
        {
            series = keep;
            return this;
        }

        /** Data bytes, both directions together, an MPTCP connection needs for its series (default 1 MB). */
        public Builder seriesMinBytes(final long minBytes)
        {
            if (minBytes < 0)
            {
                throw new IllegalArgumentException("series min bytes must not be negative: " + minBytes);
            }
            seriesMinBytes = minBytes;
            return this;
        }

        /**
         * Series rows kept per MPTCP connection while it is open (28 bytes each); a connection with
         * more keeps its first ones and its rows say {@code truncated} (default 1048576).
         */
        public Builder seriesMaxRows(final int maxRows)
        {
            if (maxRows < 1)
            {
                throw new IllegalArgumentException("series max rows must be at least 1: " + maxRows);
            }
            seriesMaxRows = maxRows;
            return this;
        }

        /**
         * Threads one analysis may use (default 1: the caller's only). With 3 or more, a capture of
         * at least {@link #parallelMinBytes} bytes (or of unknown size: gzip, a pipe) is read and its
         * packets routed by the caller's thread to {@code threads - 1} workers; the tables get the
         * same rows, in no defined order. Listeners are then called from the workers, one call at a
         * time, each connection's calls in capture order. {@link #maxOpenConnections} is shared out
         * among the workers.
         */
        public Builder threads(final int count)
        {
            if (count < 1)
            {
                throw new IllegalArgumentException("at least one thread is needed, not " + count);
            }
            threads = count;
            return this;
        }

        /** Captures smaller than this stay on one thread (default {@link #DEFAULT_PARALLEL_MIN_BYTES}). */
        public Builder parallelMinBytes(final long bytes)
        {
            if (bytes < 0)
            {
                throw new IllegalArgumentException("parallel min bytes must not be negative: " + bytes);
            }
            parallelMinBytes = bytes;
            return this;
        }

        public Analyzer build()
        {
            if (onlyServers && serverPrefixes.isEmpty())
            {
                throw new IllegalStateException("onlyServers needs servers");
            }
            return new Analyzer(this);
        }
    }
}
