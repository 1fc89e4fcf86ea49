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
public final class CaptureAnalysis
{
    private final Path capture;
    private final Path outputFolder;
    private final AnalysisSettings settings;
    private final AtomicLong bytesRead;
    private final AtomicLong packetsRead;
    private final List<RowSink> sinks = new ArrayList<>();
    private volatile boolean aborted;
    private boolean committed;

    public CaptureAnalysis(final Path capture, final Path outputFolder, final AnalysisSettings settings,
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
     * tables cover the packets before it). Call once per instance.
     */
    public CaptureSummary run()
    {
        try (CaptureReader reader = CaptureReaders.open(capture))
        {
            Files.createDirectories(outputFolder);
            final PacketRecord record = new PacketRecord();
            final PacketDecoder decoder = new PacketDecoder();
            final TcpPacket packet = new TcpPacket();
            final boolean any = reader.next(record);
            final int timeDecimals = reader.timestampDecimals();
            final TcpTableWriter tcpTables = new TcpTableWriter(open(TcpConnectionsTable.schema(), timeDecimals),
                open(TcpRetransmissionsTable.schema(), timeDecimals),
                open(TcpAckSizesTable.schema(), timeDecimals));
            final MptcpTableWriter mptcpTables = new MptcpTableWriter(
                open(MptcpConnectionsTable.schema(), timeDecimals),
                open(MptcpSubflowsTable.schema(), timeDecimals),
                open(MptcpEventTables.events(), timeDecimals),
                open(MptcpEventTables.reinjections(), timeDecimals),
                open(MptcpEventTables.bursts(), timeDecimals),
                open(MptcpEventTables.dataAckSizes(), timeDecimals));
            final MptcpTracker mptcp = new MptcpTracker(settings.interfaces(), mptcpTables);
            final TcpTracker tracker = new TcpTracker(settings.idleTimeoutNanos(), settings.serverPrefixes(), tcpTables,
                mptcp, new SocksSniffer(settings.socksTable()));
            tracker.maxOpenConnections(settings.maxOpenConnections());
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
                    if (aborted)
                    {
                        throw new IOException("interrupted");
                    }
                }
            }
            bytesRead.addAndGet(reader.bytesConsumed() - lastReported);
            tracker.finishAll();
            commit();
            // A capture cut short (a killed tcpdump) still yields tables for what was readable.
            return new CaptureSummary(capture, packets, tcpPackets, reader.bytesConsumed(), tracker.connections(),
                mptcp.connections(), reader.malformedRecords(), reader.fault(), tracker.evictions());
        }
        catch (final IOException ex)
        {
            abort();
            return CaptureSummary.failed(capture, describe(ex), null);
        }
        catch (final RuntimeException ex)
        {
            // A bug, not bad input: one line for users, the stack trace with --debug.
            abort();
            return CaptureSummary.failed(capture, describe(ex), ex);
        }
    }

    /**
     * Deletes the temporary files of every table not yet committed, and makes the analysis stop;
     * called on Ctrl-C (from a shutdown hook) while the capture is being analyzed. Tables already
     * committed stay: all of a capture's tables are committed together, under this lock.
     */
    public synchronized void abort()
    {
        if (committed)
        {
            return;
        }
        aborted = true;
        for (final RowSink sink : sinks)
        {
            sink.abort();
        }
    }

    private synchronized void commit() throws IOException
    {
        if (aborted)
        {
            throw new IOException("interrupted");
        }
        for (final RowSink sink : sinks)
        {
            sink.commit();
        }
        committed = true;
    }

    /** @return the first line of an exception's message (its class when it has none): users get one line. */
    static String describe(final Throwable ex)
    {
        final String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return message.lines().findFirst().orElse(ex.getClass().getSimpleName());
    }

    private synchronized RowSink open(final TableSchema schema, final int timeDecimals) throws IOException
    {
        if (aborted)
        {
            throw new IOException("interrupted");
        }
        final RowSink sink = TableSinks.open(outputFolder, schema, settings.formats(), timeDecimals);
        sinks.add(sink);
        return sink;
    }
}
