package org.mptcpstat.emitters;

import org.agrona.concurrent.UnsafeBuffer;
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
import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.flowtable.socks.SocksSniffer;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;
import org.mptcpstat.parser.testing.TimedFuzzTest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole analysis of a sequence of IP packets: the TCP and MPTCP trackers fed what the decoder
 * makes of each packet, and every table written as CSV (to nowhere). Whatever the packets say,
 * nothing throws, every row has the shape of its table (the sinks check it), and finishing the
 * capture finishes every connection.
 * <p>
 * The input is the packets one after another, each a signed 16-bit time step in milliseconds (time
 * may go backwards, as in merged captures), a 16-bit length, and that many bytes of IP packet.
 */
class AnalysisFuzzTest
{
    private static final int PACKET_HEADER_LENGTH = 4;
    private static final long START_NANOS = 1_700_000_000_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Short enough for a few time steps to time connections out. */
    private static final long IDLE_TIMEOUT_NANOS = 60_000_000_000L;
    /** Few enough for a handful of packets to evict connections. */
    private static final int MAX_OPEN_CONNECTIONS = 8;
    private static final int TIME_DECIMALS = 6;

    private final List<RowSink> sinks = new ArrayList<>();
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord record = new PacketRecord();
    private final TcpPacket packet = new TcpPacket();

    @TimedFuzzTest
    void shouldAnalyzeAnyPacketSequenceWithoutThrowing(final byte[] input) throws IOException
    {
        sinks.clear();
        final MptcpTracker mptcp = new MptcpTracker(InterfaceClassifier.none(), new MptcpTableWriter(
            csv(MptcpConnectionsTable.schema()), csv(MptcpSubflowsTable.schema()), csv(MptcpEventTables.events()),
            csv(MptcpEventTables.reinjections()), csv(MptcpEventTables.bursts()), csv(MptcpEventTables.dataAckSizes())));
        final TcpTracker tracker = new TcpTracker(IDLE_TIMEOUT_NANOS, AddressPrefixes.none(), new TcpTableWriter(
            csv(TcpConnectionsTable.schema()), csv(TcpRetransmissionsTable.schema()), csv(TcpAckSizesTable.schema())),
            mptcp, new SocksSniffer(null));
        tracker.maxOpenConnections(MAX_OPEN_CONNECTIONS);

        final ByteBuffer packets = ByteBuffer.wrap(input);
        long timeNanos = START_NANOS;
        long frame = 0;
        while (packets.remaining() >= PACKET_HEADER_LENGTH)
        {
            timeNanos += packets.getShort() * NANOS_PER_MILLI;
            final int length = Math.min(packets.getShort() & 0xFFFF, packets.remaining());
            record.set(new UnsafeBuffer(input, packets.position(), length), 0, length, length, timeNanos, LinkType.RAW,
                0, ++frame);
            packets.position(packets.position() + length);
            if (decoder.decode(record, packet) == DecodeStatus.TCP)
            {
                tracker.onPacket(packet);
            }
        }
        tracker.finishAll();
        assertEquals(0, tracker.openConnections(), "connections left open after finishAll");
        for (final RowSink sink : sinks)
        {
            sink.commit();
        }
    }

    private RowSink csv(final TableSchema schema) throws IOException
    {
        final RowSink sink = CsvSink.toStream(OutputStream.nullOutputStream(), schema, TIME_DECIMALS,
            CsvSink.DEFAULT_FLOAT_DECIMALS);
        sinks.add(sink);
        return sink;
    }
}
