package org.mptcpstat.flowtable;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TcpTracker#maxOpenConnections}: the table stays bounded, evicting the least recently active connection. */
class TcpTrackerConnectionLimitTest implements TcpConnectionListener
{
    private static final int LIMIT = 100;

    private final List<Long> finishedIds = new ArrayList<>();
    private final List<EndReason> endReasons = new ArrayList<>();
    private final TcpTracker tracker = new TcpTracker(300_000_000_000L, AddressPrefixes.none(), this,
        new MptcpTracker(InterfaceClassifier.none(), new RecordingMptcpListener()), new SocksSniffer(null));
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord record = new PacketRecord();
    private final TcpPacket packet = new TcpPacket();
    private long frame;

    @Test
    void shouldNeverHoldMoreThanTheLimitAndEvictTheLeastRecentlyActive() throws IOException
    {
        tracker.maxOpenConnections(LIMIT);
        int most = 0;
        for (int i = 0; i < 3 * LIMIT; i++)
        {
            syn(i, i);
            // Connection 0 stays active, so it is never the least recently active one.
            syn(0, i);
            most = Math.max(most, tracker.openConnections());
        }
        assertEquals(LIMIT, most);
        assertEquals(2L * LIMIT, tracker.evictions());
        assertEquals(2 * LIMIT, finishedIds.size());
        assertTrue(endReasons.stream().allMatch(r -> r == EndReason.TIMEOUT), endReasons.toString());
        // conn_ids are first frames: client 0's connection started at frame 1, client 1's at frame 3.
        assertEquals(3L, (long)finishedIds.get(0), "the oldest idle connection goes first");
        assertTrue(!finishedIds.contains(1L), "the active connection stays");

        tracker.finishAll();
        assertEquals(3L * LIMIT, finishedIds.size());
        assertEquals(3L * LIMIT, tracker.connections());
    }

    @Test
    void shouldEvictNothingBelowTheLimit() throws IOException
    {
        tracker.maxOpenConnections(LIMIT);
        for (int i = 0; i < LIMIT; i++)
        {
            syn(i, i);
        }
        assertEquals(LIMIT, tracker.openConnections());
        assertEquals(0, tracker.evictions());
    }

    @Test
    void shouldRefuseALimitBelowOne()
    {
        assertThrows(IllegalArgumentException.class, () -> tracker.maxOpenConnections(0));
    }

    /** A SYN from client port 10000 + {@code client} at {@code millis}. */
    private void syn(final int client, final long millis) throws IOException
    {
        final byte[] ip = new SegmentBuilder().addresses(new byte[] { 10, 0, 0, 1 }, new byte[] { 10, 0, 0, 2 })
            .ports(10000 + client, 80).sequence(1000, 0).flags(TcpHeader.SYN).window(1000).payload(0).ip();
        record.set(new UnsafeBuffer(ip), 0, ip.length, ip.length, millis * 1_000_000L, LinkType.RAW, 0, ++frame);
        assertEquals(DecodeStatus.TCP, decoder.decode(record, packet));
        tracker.onPacket(packet);
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras)
    {
        finishedIds.add(connection.connId());
        endReasons.add(connection.endReason());
    }

    @Override
    public void onRetransmission(final TcpConnection connection, final int direction, final long timeNanos,
        final long sequenceNumber, final long bytes, final RetransmissionClass kind, final long sinceFirstNanos,
        final long sincePreviousNanos, final long sinceLastPacketNanos)
    {
    }
}
