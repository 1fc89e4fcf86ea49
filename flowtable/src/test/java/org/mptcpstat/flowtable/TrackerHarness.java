package org.mptcpstat.flowtable;

import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.flowtable.mptcp.RecordingMptcpListener;
import org.mptcpstat.flowtable.socks.SocksSniffer;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;
import org.mptcpstat.parser.testing.SegmentBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Feeds hand-made segments between a client (10.0.0.1:40000) and a server (10.0.0.2:80) to a
 * {@link TcpTracker} and keeps a copy of every finished connection and retransmission event.
 */
final class TrackerHarness implements TcpConnectionListener
{
    static final int SYN = TcpHeader.SYN;
    static final int ACK = TcpHeader.ACK;
    static final int FIN = TcpHeader.FIN;
    static final int RST = TcpHeader.RST;
    static final int PSH = TcpHeader.PSH;
    private static final byte[] CLIENT = { 10, 0, 0, 1 };
    private static final byte[] SERVER = { 10, 0, 0, 2 };

    /** A finished connection, copied out of its slot. */
    record Finished(long connId, EndReason endReason, boolean handshake, int clientDirection,
        Map<TcpDirectionField, Long> client, Map<TcpDirectionField, Long> server, long clientPort)
    {
        long client(final TcpDirectionField field)
        {
            return client.get(field);
        }

        long server(final TcpDirectionField field)
        {
            return server.get(field);
        }
    }

    record Retransmission(long connId, int direction, long bytes, RetransmissionClass kind) { }

    final List<Finished> finished = new ArrayList<>();
    final RecordingMptcpListener mptcp = new RecordingMptcpListener();
    final List<Retransmission> retransmissions = new ArrayList<>();
    private final TcpTracker tracker;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord record = new PacketRecord();
    private final TcpPacket packet = new TcpPacket();
    private long frame;
    private int clientPort = 40000;

    TrackerHarness(final long idleTimeoutNanos, final AddressPrefixes servers)
    {
        tracker = new TcpTracker(idleTimeoutNanos, servers, this, new MptcpTracker(InterfaceClassifier.none(), mptcp),
            new SocksSniffer(null));
    }

    TrackerHarness()
    {
        this(300_000_000_000L, AddressPrefixes.none());
    }

    TrackerHarness clientPort(final int port)
    {
        clientPort = port;
        return this;
    }

    /** A client segment at {@code millis}. */
    TrackerHarness client(final long millis, final int flags, final long seq, final long ack, final int length)
        throws IOException
    {
        return send(true, millis, flags, seq, ack, length, 1000);
    }

    TrackerHarness server(final long millis, final int flags, final long seq, final long ack, final int length)
        throws IOException
    {
        return send(false, millis, flags, seq, ack, length, 1000);
    }

    TrackerHarness send(final boolean fromClient, final long millis, final int flags, final long seq, final long ack,
        final int length, final int window) throws IOException
    {
        return send(fromClient, millis, flags, seq, ack, length, window, new int[0]);
    }

    /** A segment carrying TCP options (padded with leading NOPs to a multiple of 4). */
    TrackerHarness send(final boolean fromClient, final long millis, final int flags, final long seq, final long ack,
        final int length, final int window, final int[] options) throws IOException
    {
        final int[] padded = new int[(options.length + 3) / 4 * 4];
        java.util.Arrays.fill(padded, 1);
        System.arraycopy(options, 0, padded, padded.length - options.length, options.length);
        final SegmentBuilder segment = new SegmentBuilder().options(padded)
            .addresses(fromClient ? CLIENT : SERVER, fromClient ? SERVER : CLIENT)
            .ports(fromClient ? clientPort : 80, fromClient ? 80 : clientPort)
            .sequence(seq, ack).flags(flags).window(window).payload(length);
        final byte[] ip = segment.ip();
        record.set(new UnsafeBuffer(ip), 0, ip.length, ip.length, millis * 1_000_000L, LinkType.RAW, 0, ++frame);
        assertEquals(DecodeStatus.TCP, decoder.decode(record, packet));
        tracker.onPacket(packet);
        return this;
    }

    TrackerHarness end() throws IOException
    {
        tracker.finishAll();
        return this;
    }

    /** The three-way handshake with ISNs 1000 (client) and 5000 (server), at 0, 10 and 20 ms. */
    TrackerHarness handshake() throws IOException
    {
        return client(0, SYN, 1000, 0, 0).server(10, SYN | ACK, 5000, 1001, 0).client(20, ACK, 1001, 5001, 0);
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras)
    {
        final Map<TcpDirectionField, Long> client = new EnumMap<>(TcpDirectionField.class);
        final Map<TcpDirectionField, Long> server = new EnumMap<>(TcpDirectionField.class);
        for (final TcpDirectionField field : TcpDirectionField.values())
        {
            client.put(field, connection.get(connection.clientDirection(), field));
            server.put(field, connection.get(connection.serverDirection(), field));
        }
        finished.add(new Finished(connection.connId(), connection.endReason(), connection.handshakeSeen(),
            connection.clientDirection(), client, server, connection.senderPort(connection.clientDirection())));
    }

    @Override
    public void onRetransmission(final TcpConnection connection, final int direction, final long timeNanos,
        final long sequenceNumber, final long bytes, final RetransmissionClass kind, final long sinceFirstNanos,
        final long sincePreviousNanos, final long sinceLastPacketNanos)
    {
        retransmissions.add(new Retransmission(connection.connId(), direction, bytes, kind));
    }
}
