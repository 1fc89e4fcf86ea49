package org.mptcpstat.flowtable;

import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.flowtable.socks.SocksRequestDecoder;
import org.mptcpstat.flowtable.socks.SocksSniffer;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;

import static org.mptcpstat.flowtable.TcpDirectionField.*;

/**
 * Turns the TCP packets of one capture, in capture order, into per-connection statistics: finds
 * each packet's connection in the {@link TcpFlowTable}, updates its counters, sequence space and
 * RTT, and hands every finished connection to a {@link TcpConnectionListener}, then frees its slot.
 * <p>
 * Connection boundaries: a connection is finished by FIN in both directions with both FINs
 * acknowledged, or by RST; it stays in the table afterwards so that late packets (a last ACK, a
 * resent FIN) still count towards it, until a SYN starts a new connection on the same 4-tuple
 * (port reuse), it has been idle for the idle timeout (capture time), or the capture ends. A SYN
 * without ACK starts a new connection when the old one saw a FIN or RST, or when its sender
 * already sent two SYNs, and the SYN is not a copy of the sender's last one (a resent SYN). The client is the sender of the first SYN;
 * without one, the side inside the proxy prefixes is the server, else the side with the lower port.
 * <p>
 * Numbers follow tcptrace's definitions wherever tcptrace has one (see {@link SequenceSpace}).
 * Nothing is allocated per packet.
 */
public final class TcpTracker implements AutoCloseable
{
    private static final long NOT_SEEN = Long.MIN_VALUE;
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;
    private static final long NO_RTT_RTO_NANOS = 200_000_000L;
    private static final int FAST_RETRANSMIT_DUP_ACKS = 3;
    /** Connections the table holds at most unless told otherwise. */
    public static final int DEFAULT_MAX_OPEN_CONNECTIONS = 1_000_000;
    /** Five minutes of capture time, as tstat's and most NAT timeouts. */
    public static final long DEFAULT_IDLE_TIMEOUT_NANOS = 300_000_000_000L;

    private final TcpFlowTable table = new TcpFlowTable(TcpConnection.SLOT_LENGTH, 1024);
    private final SegmentList segments = new SegmentList();
    private final SequenceSpace space = new SequenceSpace(segments);
    private final TcpConnection connection = new TcpConnection();
    private final ConnectionExtras extras = new ConnectionExtras();
    private final TcpConnectionListener listener;
    private final MptcpTracker mptcp;
    private final SocksSniffer socks;
    private final long idleTimeoutNanos;
    private final AddressPrefixes serverPrefixes;
    private long connections;
    private int maxOpenConnections = DEFAULT_MAX_OPEN_CONNECTIONS;
    private long evictions;
    /** Whether the packet being tracked filled a hole below data its direction had already sent. */
    private boolean filledHole;

    /**
     * @param idleTimeoutNanos capture time without packets after which a connection is finished.
     * @param serverPrefixes   addresses of the server (proxy) side, for connections without SYN.
     * @param mptcp            told of every packet after its TCP update, and of every finished connection.
     * @param socks            reads the SOCKS destination from the start of each client stream.
     */
    public TcpTracker(final long idleTimeoutNanos, final AddressPrefixes serverPrefixes,
        final TcpConnectionListener listener, final MptcpTracker mptcp, final SocksSniffer socks)
    {
        this.socks = socks;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.serverPrefixes = serverPrefixes;
        this.listener = listener;
        this.mptcp = mptcp;
    }

    public void onPacket(final TcpPacket packet) throws IOException
    {
        final long now = packet.timestampNanos();
        finishIdle(now);
        int slot = table.find(packet);
        final int direction = table.direction();
        if (slot != TcpFlowTable.NONE && startsNewConnection(connection.wrap(table, slot), direction, packet))
        {
            finish(slot, EndReason.END_OF_CAPTURE);
            slot = TcpFlowTable.NONE;
        }
        if (slot == TcpFlowTable.NONE)
        {
            evictToMakeRoom();
            slot = table.insertLastFound(now);
            extras.clear(slot);
            start(connection.wrap(table, slot), direction, packet);
        }
        else
        {
            table.touch(slot, now);
            connection.wrap(table, slot);
        }
        extras.wrap(slot);
        update(direction, packet);
        mptcp.onPacket(connection, direction, packet, filledHole);
    }

    /**
     * Bounds the table: when it holds this many connections, the least recently active one is
     * finished (end reason {@link EndReason#TIMEOUT}) before a new one is added, so that memory
     * stays bounded whatever the capture holds (a scan, a flood of spoofed SYNs).
     */
    public void maxOpenConnections(final int max)
    {
        if (max < 1)
        {
            throw new IllegalArgumentException("at least one open connection is needed, not " + max);
        }
        maxOpenConnections = max;
    }

    /** @return connections finished early because the table was full. */
    public long evictions()
    {
        return evictions;
    }

    /** Finishes every connection still open: the capture has ended. */
    public void finishAll() throws IOException
    {
        while (table.oldest() != TcpFlowTable.NONE)
        {
            finish(table.oldest(), EndReason.END_OF_CAPTURE);
        }
    }

    /** Frees the flow table's off-heap memory; call after {@link #finishAll()}, once. */
    @Override
    public void close()
    {
        table.close();
    }

    /** @return connections started so far. */
    public long connections()
    {
        return connections;
    }

    /** @return connections in the table now (open, or closed and waiting for late packets). */
    public int openConnections()
    {
        return table.size();
    }

    /** Called between {@link TcpFlowTable#find} and {@link TcpFlowTable#insertLastFound}, which keeps the key. */
    private void evictToMakeRoom() throws IOException
    {
        while (table.size() >= maxOpenConnections && table.oldest() != TcpFlowTable.NONE)
        {
            finish(table.oldest(), EndReason.TIMEOUT);
            evictions++;
        }
    }

    /**
     * Finishes the connections idle at this capture time, as a packet at this time would. A
     * tracker that sees only some of a capture's packets (one worker of a parallel analysis) is
     * told the times of the others this way, so that it finishes its connections exactly when a
     * tracker that sees them all would.
     */
    public void finishIdle(final long now) throws IOException
    {
        while (table.oldest() != TcpFlowTable.NONE && now - table.lastActivityNanos(table.oldest()) > idleTimeoutNanos)
        {
            finish(table.oldest(), EndReason.TIMEOUT);
        }
    }

    /**
     * @param reason why it ends, unless it already ended by FIN or RST.
     */
    private void finish(final int slot, final EndReason reason) throws IOException
    {
        connection.wrap(table, slot);
        if (!connection.hasState(TcpConnection.CLOSED))
        {
            connection.endReason(reason);
        }
        listener.onConnectionFinished(connection, extras.wrap(slot));
        mptcp.onSubflowFinished(connection);
        for (int direction = 0; direction < 2; direction++)
        {
            space.wrap(connection, direction).release();
            space.storeIn(connection, direction);
        }
        table.remove(slot);
    }

    private boolean startsNewConnection(final TcpConnection old, final int direction, final TcpPacket packet)
    {
        if (!packet.hasFlag(TcpHeader.SYN) || packet.hasFlag(TcpHeader.ACK) || old.get(direction, SEQ_KNOWN) == 0)
        {
            return false;
        }
        final boolean copyOfLastSyn = old.get(direction, SYN_PACKETS) > 0 &&
            (old.get(direction, SYN_SEQ) & SEQUENCE_MASK) == packet.sequenceNumber();
        if (copyOfLastSyn)
        {
            return false;
        }
        final boolean ended = old.get(0, FIN_PACKETS) + old.get(1, FIN_PACKETS) + old.get(0, RST_PACKETS) +
            old.get(1, RST_PACKETS) > 0;
        return ended || old.get(direction, SYN_PACKETS) >= 2;
    }

    private void start(final TcpConnection c, final int direction, final TcpPacket packet)
    {
        // The frame number of the first packet: unique in the capture, and the same whichever
        // thread (or worker of a parallel analysis) tracks the connection.
        c.connId(packet.frameNumber());
        connections++;
        c.firstFrame(packet.frameNumber());
        c.firstTime(packet.timestampNanos());
        c.clientDirection(clientDirection(direction, packet));
        c.endReason(EndReason.END_OF_CAPTURE);
        c.synTime(NOT_SEEN);
        c.synAckTime(NOT_SEEN);
        c.handshakeAckTime(NOT_SEEN);
        for (int d = 0; d < 2; d++)
        {
            c.put(d, MSS, -1);
            c.put(d, WINDOW_SCALE, -1);
            c.put(d, MIN_SEGMENT, Long.MAX_VALUE);
            c.put(d, MIN_WINDOW, Long.MAX_VALUE);
            c.put(d, MIN_IN_FLIGHT, Long.MAX_VALUE);
            c.put(d, MIN_TTL, Long.MAX_VALUE);
            c.put(d, MAX_SEGMENT, NOT_SEEN);
            c.put(d, MAX_WINDOW, NOT_SEEN);
            c.put(d, MAX_IN_FLIGHT, NOT_SEEN);
            c.put(d, MAX_TTL, NOT_SEEN);
            c.put(d, FIRST_PAYLOAD_TIME, NOT_SEEN);
            c.put(d, LAST_PAYLOAD_TIME, NOT_SEEN);
            c.put(d, FIRST_ACK_TIME, NOT_SEEN);
            c.put(d, FIRST_NON_SYN_ACK_TIME, NOT_SEEN);
            c.put(d, LAST_ACK_TIME, NOT_SEEN);
            c.put(d, FIN_TIME, NOT_SEEN);
            c.put(d, LAST_PACKET_TIME, NOT_SEEN);
            c.put(d, RTT_MIN_US, Long.MAX_VALUE);
            c.put(d, RTT_MAX_US, NOT_SEEN);
            c.put(d, HANDSHAKE_RTT_US, NOT_SEEN);
        }
    }

    private int clientDirection(final int direction, final TcpPacket packet)
    {
        final boolean syn = packet.hasFlag(TcpHeader.SYN);
        if (syn)
        {
            return packet.hasFlag(TcpHeader.ACK) ? 1 - direction : direction;
        }
        if (!serverPrefixes.isEmpty())
        {
            if (serverPrefixes.contains(packet.ipVersion(), packet.destinationHigh(), packet.destinationLow()))
            {
                return direction;
            }
            if (serverPrefixes.contains(packet.ipVersion(), packet.sourceHigh(), packet.sourceLow()))
            {
                return 1 - direction;
            }
        }
        return packet.sourcePort() >= packet.destinationPort() ? direction : 1 - direction;
    }

    private void update(final int d, final TcpPacket packet) throws IOException
    {
        final TcpConnection c = connection;
        final int o = 1 - d;
        final long now = packet.timestampNanos();
        final boolean syn = packet.hasFlag(TcpHeader.SYN);
        final boolean fin = packet.hasFlag(TcpHeader.FIN);
        final boolean rst = packet.hasFlag(TcpHeader.RST);
        final boolean ack = packet.hasFlag(TcpHeader.ACK);
        final int length = packet.payloadLength();
        final long sinceLastPacket = c.get(d, LAST_PACKET_TIME) == NOT_SEEN ? -1 : now - c.get(d, LAST_PACKET_TIME);

        c.lastTime(now);
        c.put(d, LAST_PACKET_TIME, now);
        c.add(d, PACKETS, 1);
        c.add(d, IP_BYTES, packet.ipLength());
        c.add(d, PAYLOAD_BYTES, length);
        c.min(d, MIN_TTL, packet.ttl());
        c.max(d, MAX_TTL, packet.ttl());
        if (packet.capturedPayloadLength() < length)
        {
            c.add(d, TRUNCATED_PACKETS, 1);
        }
        countFlags(c, d, packet, syn, fin, rst, now);
        recordOptions(c, d, packet);

        final long window = effectiveWindow(c, d, packet, syn, ack);
        if (c.get(d, SEQ_KNOWN) == 0)
        {
            final long isn = syn ? packet.sequenceNumber() : packet.sequenceNumber() - 1;
            c.put(d, ISN, isn);
            c.put(d, PAYLOAD_END, isn + 1);
            c.put(d, SEQ_END, isn + 1);
            c.put(d, SEQ_KNOWN, 1);
        }
        final long seq = unwrap(packet.sequenceNumber(), c.get(d, SEQ_END));
        if (length > 0)
        {
            c.add(d, DATA_PACKETS, 1);
            if (packet.hasFlag(TcpHeader.PSH))
            {
                c.add(d, PUSHED_PACKETS, 1);
            }
            c.min(d, MIN_SEGMENT, length);
            c.max(d, MAX_SEGMENT, length);
            if (c.get(d, FIRST_PAYLOAD_TIME) == NOT_SEEN)
            {
                c.put(d, FIRST_PAYLOAD_TIME, now);
            }
            c.put(d, LAST_PAYLOAD_TIME, now);
            if (d == c.clientDirection() && c.hasState(TcpConnection.HANDSHAKE_SYN) && !SocksSniffer.isDone(c.socksState()))
            {
                sniffSocks(c, packet, seq - c.get(d, SYN_SEQ) - 1);
            }
        }

        long retransmitted = 0;
        boolean outOfOrder = false;
        filledHole = false;
        if (syn || fin || length > 0)
        {
            final int span = length + (syn ? 1 : 0) + (fin ? 1 : 0);
            // tcptrace's zero-window probe: data while the peer's last window was zero; never recorded.
            final boolean probe = !syn && c.get(o, PACKETS) > 0 && c.get(o, LAST_WINDOW) == 0;
            if (probe)
            {
                c.add(d, ZERO_WINDOW_PROBES, 1);
                c.add(d, ZERO_WINDOW_PROBE_BYTES, length);
            }
            else
            {
                retransmitted = space.wrap(c, d).record(seq, seq + span, now, 0);
                space.storeIn(c, d);
                outOfOrder = space.outOfOrder();
            }
            if (outOfOrder)
            {
                c.add(d, OUT_OF_ORDER_PACKETS, 1);
                filledHole = true;
            }
            // A SYN or FIN resent at the same place counts as resent, not as payload.
            long resentPayload = retransmitted;
            resentPayload -= syn && c.get(d, SYN_PACKETS) > 1 ? 1 : 0;
            resentPayload -= fin && c.get(d, FIN_PACKETS) > 1 ? 1 : 0;
            if (!probe && resentPayload < length)
            {
                c.add(d, UNIQUE_BYTES, length - resentPayload);
            }
            c.max(d, SEQ_END, seq + span);
            if (length > 0)
            {
                c.max(d, PAYLOAD_END, seq + (syn ? 1 : 0) + length);
            }
            if (syn)
            {
                c.put(d, SYN_SEQ, seq);
            }
        }

        if (ack)
        {
            acknowledge(c, d, packet, window, length, now);
        }
        if (retransmitted > 0)
        {
            retransmission(c, d, packet, seq, retransmitted, now, sinceLastPacket);
        }
        if (rst)
        {
            c.addState(TcpConnection.CLOSED);
            c.endReason(EndReason.RST);
            return;
        }
        afterNonReset(c, d, packet, window, ack, syn, length, outOfOrder, retransmitted);
        if (fin)
        {
            c.addState(d == TcpConnection.A_TO_B ? TcpConnection.FIN_A_TO_B : TcpConnection.FIN_B_TO_A);
        }
        closeWhenFinsAcknowledged(c);
    }

    private void sniffSocks(final TcpConnection c, final TcpPacket packet, final long streamOffset)
    {
        final long state = socks.onClientPayload(c.socksState(), streamOffset & SEQUENCE_MASK, packet.buffer(),
            packet.payloadOffset(), packet.capturedPayloadLength(), packet.payloadLength());
        c.socksState(state);
        if (SocksSniffer.status(state) == SocksSniffer.FOUND)
        {
            final SocksRequestDecoder request = socks.request();
            if (request.addressType() == SocksRequestDecoder.ADDRESS_TYPE_IPV4)
            {
                c.socksDestination(4, 0, request.ipv4() & SEQUENCE_MASK, request.port());
            }
            else if (request.addressType() == SocksRequestDecoder.ADDRESS_TYPE_IPV6)
            {
                c.socksDestination(6, request.ipv6High(), request.ipv6Low(), request.port());
            }
        }
    }

    private void countFlags(
        final TcpConnection c, final int d, final TcpPacket packet, final boolean syn, final boolean fin,
        final boolean rst, final long now)
    {
        if (syn)
        {
            c.add(d, SYN_PACKETS, 1);
            if (!packet.hasFlag(TcpHeader.ACK))
            {
                if (!c.hasState(TcpConnection.HANDSHAKE_SYN))
                {
                    c.addState(TcpConnection.HANDSHAKE_SYN);
                    c.synTime(now);
                    c.clientDirection(d);
                }
            }
            else if (!c.hasState(TcpConnection.HANDSHAKE_SYN_ACK) && d == c.serverDirection())
            {
                c.addState(TcpConnection.HANDSHAKE_SYN_ACK);
                c.synAckTime(now);
            }
        }
        else if (packet.hasFlag(TcpHeader.ACK) && d == c.clientDirection() &&
            c.hasState(TcpConnection.HANDSHAKE_SYN | TcpConnection.HANDSHAKE_SYN_ACK) &&
            !c.hasState(TcpConnection.HANDSHAKE_ACK) &&
            packet.acknowledgmentNumber() == ((c.get(1 - d, SYN_SEQ) + 1) & SEQUENCE_MASK))
        {
            c.addState(TcpConnection.HANDSHAKE_ACK);
            c.handshakeAckTime(now);
        }
        if (fin)
        {
            c.add(d, FIN_PACKETS, 1);
            if (c.get(d, FIN_TIME) == NOT_SEEN)
            {
                c.put(d, FIN_TIME, now);
            }
        }
        if (rst)
        {
            c.add(d, RST_PACKETS, 1);
        }
        if (packet.hasFlag(TcpHeader.ACK))
        {
            c.add(d, ACK_PACKETS, 1);
        }
    }

    private static void recordOptions(final TcpConnection c, final int d, final TcpPacket packet)
    {
        if (packet.mss() >= 0)
        {
            c.put(d, MSS, packet.mss());
        }
        if (packet.windowScale() >= 0)
        {
            c.put(d, WINDOW_SCALE, packet.windowScale());
        }
        if (packet.sackPermitted())
        {
            c.put(d, SACK_PERMITTED, 1);
        }
        if (packet.hasTimestamps())
        {
            c.put(d, TIMESTAMPS, 1);
        }
    }

    /**
     * The window in bytes: a sender's window is shifted by the scale it announced, once both sides
     * announced one (RFC 7323), except in SYNs; packets without ACK or SYN advertise nothing (0).
     */
    private static long effectiveWindow(
        final TcpConnection c, final int d, final TcpPacket packet, final boolean syn, final boolean ack)
    {
        if (!ack && !syn)
        {
            return 0;
        }
        final long scale = c.get(d, WINDOW_SCALE);
        final boolean scaled = !syn && scale >= 0 && c.get(1 - d, WINDOW_SCALE) >= 0;
        return scaled ? (long)packet.window() << Math.min(scale, 14) : packet.window();
    }

    private void acknowledge(
        final TcpConnection c, final int d, final TcpPacket packet, final long window, final int length, final long now)
    {
        final int o = 1 - d;
        if (c.get(o, SEQ_KNOWN) == 0)
        {
            return;
        }
        final long ack = unwrap(packet.acknowledgmentNumber(), c.get(o, SEQ_END));
        final boolean repeatsPrevious = c.get(d, ACK_KNOWN) == 1 &&
            c.get(d, LAST_ACK_NUMBER) == packet.acknowledgmentNumber() && c.get(d, LAST_WINDOW) == window &&
            c.get(o, SENT_NEW_DATA) == 1;
        space.wrap(c, o).acknowledge(ack, now, length > 0, repeatsPrevious);
        space.storeIn(c, o);
        final long sample = space.rttSampleMicros();
        if (sample >= 0)
        {
            c.add(o, RTT_SAMPLES, 1);
            c.add(o, RTT_SUM_US, sample);
            c.add(o, RTT_SUM_SQUARES_US, sample * sample);
            c.min(o, RTT_MIN_US, sample);
            c.max(o, RTT_MAX_US, sample);
            extras.recordRtt(o, sample);
            if (space.rttSampleStart() == c.get(o, SYN_SEQ) && c.get(o, SYN_PACKETS) == 1)
            {
                c.put(o, HANDSHAKE_RTT_US, sample);
            }
        }
        if (space.duplicateAck())
        {
            c.add(d, DUP_ACKS, 1);
            c.add(d, DUP_ACK_RUN, 1);
        }
        else
        {
            c.put(d, DUP_ACK_RUN, 0);
        }
        if (c.get(d, ACK_KNOWN) == 1 && ack > c.get(d, ACK_SENT))
        {
            extras.recordAckSize(d, ack - c.get(d, ACK_SENT));
        }
        if (c.get(d, ACK_KNOWN) == 0 || ack > c.get(d, ACK_SENT))
        {
            c.put(d, ACK_SENT, ack);
        }
        c.put(d, ACK_KNOWN, 1);
    }

    private void retransmission(
        final TcpConnection c, final int d, final TcpPacket packet, final long seq, final long bytes, final long now,
        final long sinceLastPacket) throws IOException
    {
        c.add(d, RETRANS_PACKETS, 1);
        c.add(d, RETRANS_BYTES, bytes);
        final RetransmissionClass kind = classify(c, d, seq, now);
        c.add(d, TcpDirectionField.retransmissions(kind), 1);
        listener.onRetransmission(c, d, now, packet.sequenceNumber(), bytes, kind, space.sinceFirstNanos(),
            space.sincePreviousNanos(), sinceLastPacket);
    }

    private RetransmissionClass classify(final TcpConnection c, final int d, final long seq, final long now)
    {
        final int o = 1 - d;
        final long sincePrevious = space.sincePreviousNanos();
        final long samples = c.get(d, RTT_SAMPLES);
        if (c.get(o, ACK_KNOWN) == 1 && c.get(o, ACK_SENT) >= c.get(d, SEQ_END) && c.get(o, ACK_SENT) > seq)
        {
            return RetransmissionClass.UNNECESSARY;
        }
        if (samples > 0 && sincePrevious * 2 < c.get(d, RTT_MIN_US) * 1000)
        {
            return RetransmissionClass.NETWORK_DUPLICATE;
        }
        if (c.get(o, DUP_ACK_RUN) >= FAST_RETRANSMIT_DUP_ACKS)
        {
            return RetransmissionClass.FAST_RETRANSMIT;
        }
        final long rto = samples > 0 ? c.get(d, RTT_SUM_US) * 1000 / samples : NO_RTT_RTO_NANOS;
        return sincePrevious >= rto ? RetransmissionClass.RTO : RetransmissionClass.UNKNOWN;
    }

    private void afterNonReset(
        final TcpConnection c, final int d, final TcpPacket packet, final long window, final boolean ack,
        final boolean syn, final int length, final boolean outOfOrder, final long retransmitted)
    {
        final int o = 1 - d;
        c.put(d, LAST_WINDOW, window);
        if (ack || syn)
        {
            if (window > 0)
            {
                c.min(d, MIN_WINDOW, window);
            }
            c.max(d, MAX_WINDOW, window);
        }
        if (ack)
        {
            if (window == 0)
            {
                c.add(d, ZERO_WINDOW_ADVERTS, 1);
            }
            if (length == 0 && !syn && !packet.hasFlag(TcpHeader.FIN))
            {
                c.add(d, PURE_ACKS, 1);
            }
            if (c.get(d, FIRST_ACK_TIME) == NOT_SEEN)
            {
                c.put(d, FIRST_ACK_TIME, packet.timestampNanos());
            }
            if (!syn && c.get(d, FIRST_NON_SYN_ACK_TIME) == NOT_SEEN)
            {
                c.put(d, FIRST_NON_SYN_ACK_TIME, packet.timestampNanos());
            }
            c.put(d, LAST_ACK_TIME, packet.timestampNanos());
            countSacks(c, d, packet);
            c.put(d, LAST_ACK_NUMBER, packet.acknowledgmentNumber());
        }
        if (!syn && !outOfOrder && retransmitted == 0 && sendsNewWindow(c, d, packet, length))
        {
            c.put(d, SENT_NEW_DATA, 1);
        }
        if (length > 0 && c.get(o, ACK_KNOWN) == 1)
        {
            final long inFlight = c.get(d, SEQ_END) - c.get(o, ACK_SENT);
            c.min(d, MIN_IN_FLIGHT, inFlight);
            c.max(d, MAX_IN_FLIGHT, inFlight);
        }
    }

    /**
     * tcptrace's "outstanding window" test, which gates duplicate ACKs: the packet reaches past
     * the peer's last acknowledgment (or, before any, carries bytes).
     */
    private static boolean sendsNewWindow(final TcpConnection c, final int d, final TcpPacket packet, final int length)
    {
        final long peerAck = c.get(1 - d, ACK_KNOWN) == 1 ? c.get(1 - d, LAST_ACK_NUMBER) : 0;
        final long end = packet.sequenceNumber() + length;
        return peerAck == 0 ? length != 0 : end != ((peerAck - 1) & SEQUENCE_MASK);
    }

    /** SACK blocks, and D-SACKs as tcptrace recognises them (RFC 2883's two cases). */
    private static void countSacks(final TcpConnection c, final int d, final TcpPacket packet)
    {
        final int blocks = packet.sackBlockCount();
        if (blocks == 0)
        {
            return;
        }
        c.add(d, SACK_PACKETS, 1);
        c.add(d, SACK_BLOCKS, blocks);
        final long left0 = packet.sackLeft(0);
        final long right0 = packet.sackRight(0);
        boolean dsack = right0 <= packet.acknowledgmentNumber();
        if (!dsack && blocks > 1)
        {
            final long left1 = packet.sackLeft(1);
            final long right1 = packet.sackRight(1);
            dsack = (right0 <= right1 && left0 >= left1) ||
                (left0 <= left1 && right0 > left1) || (right0 >= right1 && left0 < right1);
        }
        if (dsack)
        {
            c.add(d, DSACKS, 1);
        }
    }

    private static void closeWhenFinsAcknowledged(final TcpConnection c)
    {
        if (c.hasState(TcpConnection.FIN_A_TO_B | TcpConnection.FIN_B_TO_A) && !c.hasState(TcpConnection.CLOSED) &&
            c.get(1, ACK_SENT) >= c.get(0, SEQ_END) && c.get(0, ACK_SENT) >= c.get(1, SEQ_END))
        {
            c.addState(TcpConnection.CLOSED);
            c.endReason(EndReason.FIN);
        }
    }

    /** @return the 64-bit sequence number nearest to {@code reference} with these low 32 bits. */
    private static long unwrap(final long sequence32, final long reference)
    {
        return reference + (int)(sequence32 - (reference & SEQUENCE_MASK));
    }
}
