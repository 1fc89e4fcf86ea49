package org.mptcpstat.cli.analyze;

import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.mptcp.MptcpConnectionsTable;
import org.mptcpstat.emitters.mptcp.MptcpEventTables;
import org.mptcpstat.emitters.mptcp.MptcpSubflowsTable;
import org.mptcpstat.emitters.mptcp.MptcpTableWriter;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.table.TableSinks;
import org.mptcpstat.emitters.tcp.TcpAckSizesTable;
import org.mptcpstat.emitters.tcp.TcpConnectionsTable;
import org.mptcpstat.emitters.tcp.TcpRetransmissionsTable;
import org.mptcpstat.emitters.tcp.TcpTableWriter;
import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.flowtable.socks.SocksSniffer;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyzes one capture in one pass and writes its tables into its own output folder. Tables
 * are written under temporary names and renamed only when the whole capture was read, so a
 * capture that fails leaves no table behind, and one that succeeds has all of them.
 */
final class CaptureAnalysis
{
    private final Path capture;
    private final Path outputFolder;
    private final AnalysisSettings settings;
    private final AtomicLong bytesRead;
    private final AtomicLong packetsRead;

    CaptureAnalysis(final Path capture, final Path outputFolder, final AnalysisSettings settings,
        final AtomicLong bytesRead, final AtomicLong packetsRead)
    {
        this.capture = capture;
        this.outputFolder = outputFolder;
        this.settings = settings;
        this.bytesRead = bytesRead;
        this.packetsRead = packetsRead;
    }

    /**
     * @return what was found. Its {@code problem} is set when the capture could not be opened or
     * analyzed (then no table is written), or when reading ended early at damaged data (then the
     * tables cover the packets before it).
     */
    CaptureSummary run()
    {
        final List<RowSink> sinks = new ArrayList<>();
        try (CaptureReader reader = CaptureReaders.open(capture))
        {
            Files.createDirectories(outputFolder);
            final PacketRecord record = new PacketRecord();
            final PacketDecoder decoder = new PacketDecoder();
            final TcpPacket packet = new TcpPacket();
            final boolean any = reader.next(record);
            final int timeDecimals = reader.timestampDecimals();
            final TcpTableWriter tcpTables = new TcpTableWriter(open(TcpConnectionsTable.schema(), timeDecimals, sinks),
                open(TcpRetransmissionsTable.schema(), timeDecimals, sinks),
                open(TcpAckSizesTable.schema(), timeDecimals, sinks));
            final MptcpTableWriter mptcpTables = new MptcpTableWriter(
                open(MptcpConnectionsTable.schema(), timeDecimals, sinks),
                open(MptcpSubflowsTable.schema(), timeDecimals, sinks),
                open(MptcpEventTables.events(), timeDecimals, sinks),
                open(MptcpEventTables.reinjections(), timeDecimals, sinks),
                open(MptcpEventTables.bursts(), timeDecimals, sinks),
                open(MptcpEventTables.dataAckSizes(), timeDecimals, sinks));
            final MptcpTracker mptcp = new MptcpTracker(settings.interfaces(), mptcpTables);
            final TcpTracker tracker = new TcpTracker(settings.idleTimeoutNanos(), settings.serverPrefixes(), tcpTables,
                mptcp, new SocksSniffer(settings.socksTable()));
            long packets = 0;
            long tcpPackets = 0;
            long lastReported = 0;
            for (boolean more = any; more; more = reader.next(record))
            {
                packets++;
                if (decoder.decode(record, packet) == DecodeStatus.TCP && settings.keeps(packet))
                {
                    tcpPackets++;
                    tracker.onPacket(packet);
                }
                if ((packets & 0xFFF) == 0)
                {
                    final long consumed = reader.bytesConsumed();
                    bytesRead.addAndGet(consumed - lastReported);
                    packetsRead.addAndGet(0x1000);
                    lastReported = consumed;
                }
            }
            bytesRead.addAndGet(reader.bytesConsumed() - lastReported);
            tracker.finishAll();
            for (final RowSink sink : sinks)
            {
                sink.commit();
            }
            // A capture cut short (a killed tcpdump) still yields tables for what was readable.
            return new CaptureSummary(capture, packets, tcpPackets, reader.bytesConsumed(), tracker.connections(),
                mptcp.connections(), reader.malformedRecords(), reader.fault());
        }
        catch (final IOException | RuntimeException ex)
        {
            abort(sinks);
            return CaptureSummary.failed(capture, ex.getMessage() == null ? ex.toString() : ex.getMessage());
        }
    }

    private RowSink open(final TableSchema schema, final int timeDecimals, final List<RowSink> sinks)
        throws IOException
    {
        final RowSink sink = TableSinks.open(outputFolder, schema, settings.formats(), timeDecimals);
        sinks.add(sink);
        return sink;
    }

    private static void abort(final List<RowSink> sinks)
    {
        for (final RowSink sink : sinks)
        {
            sink.abort();
        }
    }
}
