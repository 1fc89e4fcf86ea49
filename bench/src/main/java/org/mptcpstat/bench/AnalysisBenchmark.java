package org.mptcpstat.bench;

import org.mptcpstat.emitters.mptcp.MptcpConnectionsTable;
import org.mptcpstat.emitters.mptcp.MptcpEventTables;
import org.mptcpstat.emitters.mptcp.MptcpSubflowsTable;
import org.mptcpstat.emitters.mptcp.MptcpTableWriter;
import org.mptcpstat.emitters.table.CsvSink;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.tcp.TcpAckSizesTable;
import org.mptcpstat.emitters.tcp.TcpConnectionsTable;
import org.mptcpstat.emitters.tcp.TcpRetransmissionsTable;
import org.mptcpstat.emitters.tcp.TcpTableWriter;
import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.capture.PcapReader;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The per-capture pipeline of {@code analyze} (the loop of {@code org.mptcpstat.api.Analyzer}), per packet:
 * read every record, decode it, hand TCP segments to the {@link TcpTracker} (which feeds the MPTCP
 * tracker and the SOCKS sniffer), and at the end finish every open connection. One invocation is
 * one pass over a pcap of exactly {@link SyntheticCapture#PACKETS} packets.
 * <ul>
 * <li>{@code source=memory}: the pcap is in memory ({@link MemoryCaptureSource}); {@code file}: it
 * is a temporary file opened with {@link CaptureReaders#open(Path)}, as {@code analyze} does, so
 * each invocation also maps (and unmaps) the file, from the page cache.</li>
 * <li>{@code output=none}: listeners that write nothing; {@code csv}: the production
 * {@link TcpTableWriter} and {@link MptcpTableWriter}, one CSV sink per table, each writing to a
 * null stream (every row is formatted, the bytes are dropped). {@code analyze} writes binary
 * tables too, by default; they are left out here.</li>
 * </ul>
 * The tracker and the sinks live for the whole trial, so the figures are the steady state of a
 * long capture; what {@code analyze} pays once per capture (a new tracker and sinks, the files
 * themselves) is not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// The launcher's setting: Agrona's per-access bounds checks off (the parser checks reads itself).
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dagrona.disable.bounds.checks=true" })
public class AnalysisBenchmark
{
    @Param(SyntheticCapture.DEFAULT_CAPTURE)
    public String capture;

    @Param({ "memory", "file" })
    public String source;

    @Param({ "none", "csv" })
    public String output;

    private boolean fromFile;
    private Path file;
    private MemoryCaptureSource memory;
    private TcpTracker tracker;
    private final PacketRecord record = new PacketRecord();
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();

    @Setup(Level.Trial)
    public void setup() throws IOException
    {
        final SyntheticCapture synthetic =
            SyntheticCapture.build(SyntheticCapture.locate(capture), SyntheticCapture.PACKETS, false);
        System.out.println(synthetic);
        memory = new MemoryCaptureSource(synthetic.buffer());
        fromFile = switch (source)
        {
            case "memory" -> false;
            case "file" -> true;
            default -> throw new IllegalArgumentException("source: memory or file, not " + source);
        };
        if (fromFile)
        {
            file = Files.createTempFile("mptcpstat-bench-", ".pcap");
            synthetic.writeTo(file);
        }
        tracker = switch (output)
        {
            case "none" -> SyntheticCapture.newTracker();
            case "csv" -> SyntheticCapture.newTracker(
                new TcpTableWriter(nullCsv(TcpConnectionsTable.schema()), nullCsv(TcpRetransmissionsTable.schema()),
                    nullCsv(TcpAckSizesTable.schema())),
                new MptcpTableWriter(nullCsv(MptcpConnectionsTable.schema()), nullCsv(MptcpSubflowsTable.schema()),
                    nullCsv(MptcpEventTables.events()), nullCsv(MptcpEventTables.reinjections()),
                    nullCsv(MptcpEventTables.bursts()), nullCsv(MptcpEventTables.dataAckSizes())));
            default -> throw new IllegalArgumentException("output: none or csv, not " + output);
        };
        final long tcp = analyze();
        if (tcp != synthetic.tcpRecords() || tracker.connections() != synthetic.connections())
        {
            throw new IllegalStateException("one pass found " + tcp + " TCP packets and " + tracker.connections() +
                " connections, expected " + synthetic.tcpRecords() + " and " + synthetic.connections());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        if (file != null)
        {
            Files.deleteIfExists(file);
        }
    }

    /** @return TCP packets tracked. */
    @Benchmark
    @OperationsPerInvocation(SyntheticCapture.PACKETS)
    public long analyze() throws IOException
    {
        long tcp = 0;
        try (CaptureReader reader = fromFile ? CaptureReaders.open(file) : new PcapReader(memory.rewind()))
        {
            while (reader.next(record))
            {
                if (decoder.decode(record, packet) == DecodeStatus.TCP)
                {
                    tcp++;
                    tracker.onPacket(packet);
                }
            }
        }
        tracker.finishAll();
        return tcp;
    }

    private static RowSink nullCsv(final TableSchema schema) throws IOException
    {
        return CsvSink.toStream(OutputStream.nullOutputStream(), schema, 6, CsvSink.DEFAULT_FLOAT_DECIMALS);
    }
}
