package org.mptcpstat.bench.generate;

import static org.mptcpstat.bench.generate.PacketScript.ACK;
import static org.mptcpstat.bench.generate.PacketScript.C2S;
import static org.mptcpstat.bench.generate.PacketScript.FIN;
import static org.mptcpstat.bench.generate.PacketScript.PSH;
import static org.mptcpstat.bench.generate.PacketScript.RST;
import static org.mptcpstat.bench.generate.PacketScript.S2C;
import static org.mptcpstat.bench.generate.PacketScript.SYN;

/**
 * Writes the packets of one TCP connection (a plain one or an MPTCP subflow) into a conversation's
 * script: handshake, data in flights with their ACKs, loss and reordering, close or reset. All
 * times are capture times; the capture point sits between client and server, so a packet is seen
 * once on its way and its receiver's answer {@link Conversation#replyDelay} later.
 * <p>
 * Impairments, one at most per flight, and what the analyzer's rules (tcptrace's, see
 * {@code SequenceSpace}) make of them, which is what the ground truth counts:
 * <ul>
 * <li><b>Loss</b> happens beyond the capture point: the lost segment is captured, then resent. With
 *     three or more segments after it in the flight, their duplicate ACKs trigger a fast
 *     retransmission; otherwise it is resent after a retransmission timeout longer than every
 *     RTT sample. Either way the resent packet is a retransmission of the segment's bytes.</li>
 * <li><b>Reordering</b> happens before the capture point: two neighbouring segments are captured
 *     the wrong way round. The later-captured one is out of order, not a retransmission, since
 *     none of its sequence numbers had been seen.</li>
 * </ul>
 * For an MPTCP subflow ({@code firstDsn >= 0}) every data segment carries its own DSS mapping
 * and every data segment and ACK a DATA_ACK; a retransmission repeats its segment's mapping.
 */
final class SubflowTraffic
{
    /** Segments in the first flight of a transfer; each flight doubles up to {@link #MAX_FLIGHT}. */
    private static final int INITIAL_FLIGHT = 10;
    private static final int MAX_FLIGHT = 32;
    private static final long PACING_NANOS = 100_000;
    private static final long MIN_RTO_NANOS = 200_000_000;
    private static final long PROCESSING_NANOS = 20_000;
    private static final int DUPLICATE_ACKS_FOR_FAST_RETRANSMIT = 3;

    private final GeneratorSettings settings;
    private final long[] sendTime = new long[MAX_FLIGHT];
    private final long[] captureTime = new long[MAX_FLIGHT];
    private Conversation c;
    private PacketScript s;
    private SeededRandom random;
    private long unacknowledgedSince;

    SubflowTraffic(final GeneratorSettings settings)
    {
        this.settings = settings;
    }

    SubflowTraffic wrap(final Conversation conversation, final SeededRandom conversationRandom)
    {
        this.c = conversation;
        this.s = conversation.script;
        this.random = conversationRandom;
        return this;
    }

    /**
     * Gives a new subflow its path and ISNs: one way from the capture point, 5 to 15 ms to a WiFi
     * client, 20 to 40 ms to a cellular one, 0.5 to 2 ms to the server, all in whole microseconds.
     */
    void openPath(final int sf)
    {
        final boolean wifi = c.interfaceClass[sf] == Conversation.WIFI;
        c.clientDelayNanos[sf] = 1000 * (wifi ? random.between(5_000, 15_000) : random.between(20_000, 40_000));
        c.serverDelayNanos[sf] = 1000 * random.between(500, 2_000);
        c.clientIsn[sf] = random.nextInt() & 0xFFFF_FFFFL;
        c.serverIsn[sf] = random.nextInt() & 0xFFFF_FFFFL;
    }

    /**
     * SYN, SYN/ACK, ACK from {@code start}, with the given MPTCP options on each.
     *
     * @return the capture time of the third packet.
     */
    long handshake(final int sf, final long start, final byte synOption, final byte synAckOption, final byte ackOption)
    {
        s.option[s.add(start, sf, C2S, SYN, 0, 0, 0)] = synOption;
        final long synAck = start + c.replyDelay(sf, C2S);
        s.option[s.add(synAck, sf, S2C, SYN | ACK, 0, 1, 0)] = synAckOption;
        final long third = synAck + c.replyDelay(sf, S2C);
        s.option[s.add(third, sf, C2S, ACK, 1, 1, 0)] = ackOption;
        c.advance(sf, C2S, 1);
        c.advance(sf, S2C, 1);
        return third;
    }

    /** @return a pure ACK (with a DATA_ACK on MPTCP subflows) from {@code direction}'s sender. */
    int pureAck(final int sf, final int direction, final long time)
    {
        final int p = s.add(time, sf, direction, ACK, c.next(sf, direction), c.next(sf, 1 - direction), 0);
        dataAck(p, direction);
        return p;
    }

    /**
     * Sends {@code bytes} in {@code direction}, every segment acknowledged.
     *
     * @param firstDsn data sequence number of the first byte on an MPTCP subflow, else -1.
     * @return the capture time of the ACK that acknowledged the last byte.
     */
    long transfer(final int sf, final int direction, final long bytes, final long start, final long firstDsn)
    {
        long time = start;
        long sent = 0;
        int flight = INITIAL_FLIGHT;
        long lastAck = start;
        while (sent < bytes)
        {
            final int segments = (int)Math.min(flight, (bytes - sent + c.mss - 1) / c.mss);
            lastAck = flight(sf, direction, segments, bytes - sent, time, firstDsn < 0 ? -1 : firstDsn + sent);
            sent += Math.min(bytes - sent, (long)segments * c.mss);
            time = lastAck + c.replyDelay(sf, 1 - direction) + PROCESSING_NANOS;
            flight = Math.min(flight * 2, MAX_FLIGHT);
        }
        return lastAck;
    }

    /**
     * Sends one flight whose ACKs are held up (an outage of the subflow's return path): the data
     * is captured, nothing is acknowledged until {@link #acknowledgeAll}.
     *
     * @return bytes sent.
     */
    long unacknowledgedFlight(final int sf, final int direction, final long bytes, final long start, final long firstDsn)
    {
        unacknowledgedSince = start;
        final int segments = (int)Math.min(INITIAL_FLIGHT, (bytes + c.mss - 1) / c.mss);
        final long base = c.next(sf, direction);
        for (int j = 0; j < segments; j++)
        {
            dataSegment(sf, direction, base, j, bytes, start + j * PACING_NANOS, firstDsn, 0, true);
        }
        final long sent = Math.min(bytes, (long)segments * c.mss);
        c.advance(sf, direction, sent);
        return sent;
    }

    /**
     * The receiver's ACK of everything sent in {@code direction}, at {@code time}, ending an
     * {@link #unacknowledgedFlight}; the long RTT it shows stretches later retransmission timeouts.
     */
    void acknowledgeAll(final int sf, final int direction, final long time)
    {
        pureAck(sf, 1 - direction, time);
        final int index = sf * 2 + direction;
        c.longestRttNanos[index] = Math.max(c.longestRttNanos[index], time - unacknowledgedSince);
    }

    /**
     * FIN from {@code closer}, FIN/ACK back, last ACK.
     *
     * @return the capture time of the last ACK.
     */
    long close(final int sf, final int closer, final long start)
    {
        final int other = 1 - closer;
        dataAck(s.add(start, sf, closer, FIN | ACK, c.next(sf, closer), c.next(sf, other), 0), closer);
        c.advance(sf, closer, 1);
        final long finAck = start + c.replyDelay(sf, closer);
        dataAck(s.add(finAck, sf, other, FIN | ACK, c.next(sf, other), c.next(sf, closer), 0), other);
        c.advance(sf, other, 1);
        final long last = finAck + c.replyDelay(sf, other);
        pureAck(sf, closer, last);
        return last;
    }

    /** @return the RST's index, for an option. */
    int reset(final int sf, final int direction, final long time)
    {
        c.endedByRst[sf] = true;
        return s.add(time, sf, direction, RST | ACK, c.next(sf, direction), c.next(sf, 1 - direction), 0);
    }

    private long flight(final int sf, final int direction, final int segments, final long remaining, final long start,
        final long firstDsn)
    {
        int lost = -1;
        int swapped = -1;
        if (random.chance(settings.loss()))
        {
            lost = (int)random.between(0, segments - 1);
        }
        else if (segments >= 2 && random.chance(settings.reorder()))
        {
            swapped = (int)random.between(0, segments - 2);
        }
        final long base = c.next(sf, direction);
        for (int j = 0; j < segments; j++)
        {
            sendTime[j] = start + j * PACING_NANOS;
            captureTime[j] = sendTime[j];
        }
        if (swapped >= 0)
        {
            captureTime[swapped] = sendTime[swapped + 1];
            captureTime[swapped + 1] = sendTime[swapped];
        }
        for (int j = 0; j < segments; j++)
        {
            final int p = dataSegment(sf, direction, base, j, remaining, captureTime[j], firstDsn, 0, true);
            if (j == swapped)
            {
                s.marks[p] |= PacketScript.OUT_OF_ORDER;
            }
        }
        final long flightBytes = Math.min(remaining, (long)segments * c.mss);
        c.advance(sf, direction, flightBytes);

        // The receiver acknowledges each segment as it arrives: cumulatively, so a hole repeats its start.
        final long reply = c.replyDelay(sf, direction);
        long delivered = 0;
        long lastAck = start;
        int arrived = 0;
        for (int i = 0; i < segments; i++)
        {
            final int j = i == swapped ? swapped + 1 : i == swapped + 1 && swapped >= 0 ? swapped : i;
            if (j == lost)
            {
                continue;
            }
            arrived |= 1 << j;
            while (delivered < segments && (arrived & (1 << delivered)) != 0)
            {
                delivered++;
            }
            lastAck = captureTime[j] + reply;
            acknowledgment(sf, direction, base + Math.min(flightBytes, delivered * c.mss), lastAck, firstDsn, base);
        }
        if (lost < 0)
        {
            return lastAck;
        }
        final int duplicates = segments - 1 - lost;
        final long resent;
        final int kind;
        if (duplicates >= DUPLICATE_ACKS_FOR_FAST_RETRANSMIT)
        {
            resent = captureTime[lost + DUPLICATE_ACKS_FOR_FAST_RETRANSMIT] + reply + c.replyDelay(sf, 1 - direction);
            kind = PacketScript.FAST_RETRANSMISSION;
        }
        else
        {
            // Longer than any RTT sample so far, so that the analyzer's RTO test (the mean sample) holds.
            final long rto = Math.max(Math.max(MIN_RTO_NANOS, 3 * (reply + c.replyDelay(sf, 1 - direction))),
                c.longestRttNanos[sf * 2 + direction] + MIN_RTO_NANOS);
            resent = Math.max(sendTime[lost] + rto, lastAck + c.replyDelay(sf, 1 - direction));
            kind = PacketScript.RTO_RETRANSMISSION;
        }
        dataSegment(sf, direction, base, lost, remaining, resent, firstDsn, kind, false);
        lastAck = resent + reply;
        acknowledgment(sf, direction, base + flightBytes, lastAck, firstDsn, base);
        return lastAck;
    }

    /**
     * Adds segment {@code j} of a flight starting at relative sequence number {@code base}.
     *
     * @param first whether this is the segment's first transmission (its bytes are then unique).
     */
    private int dataSegment(final int sf, final int direction, final long base, final int j, final long remaining,
        final long time, final long firstDsn, final int retransmission, final boolean first)
    {
        final long offset = (long)j * c.mss;
        final int length = (int)Math.min(c.mss, remaining - offset);
        final boolean last = offset + length == remaining;
        final int p = s.add(time, sf, direction, ACK | (last ? PSH : 0), base + offset, c.next(sf, 1 - direction), length);
        s.marks[p] = retransmission;
        if (first)
        {
            c.addTcp(sf, direction, TcpTruthColumn.UNIQUE_BYTES, length);
        }
        if (firstDsn >= 0)
        {
            map(p, sf, direction, firstDsn + offset, base + offset, length, first);
        }
        return p;
    }

    /**
     * Gives packet {@code p} a DSS mapping of its own payload; a first transmission makes it a new
     * mapping for the ground truth.
     */
    void map(final int p, final int sf, final int direction, final long dsn, final long relativeSsn, final int length,
        final boolean newMapping)
    {
        dataAck(p, direction);
        s.marks[p] |= PacketScript.MAPPING;
        s.dsn[p] = dsn;
        s.ssn[p] = relativeSsn;
        s.mappingLength[p] = length;
        if (newMapping)
        {
            c.addData(direction, DataLevelTruthColumn.MAPPINGS, 1);
            c.addData(direction, DataLevelTruthColumn.DATA_BYTES, length);
            c.mappedBytes[sf * 2 + direction] += length;
        }
    }

    private void acknowledgment(final int sf, final int direction, final long relativeAck, final long time,
        final long firstDsn, final long base)
    {
        final int p = s.add(time, sf, 1 - direction, ACK, c.next(sf, 1 - direction), relativeAck, 0);
        if (firstDsn >= 0)
        {
            c.dataAcked[direction] = Math.max(c.dataAcked[direction], firstDsn + relativeAck - base);
        }
        dataAck(p, 1 - direction);
    }

    /** On an MPTCP subflow, a packet from {@code direction}'s sender acknowledges the other direction's data. */
    private void dataAck(final int p, final int direction)
    {
        if (c.mptcp)
        {
            s.option[p] = PacketScript.DSS;
            s.marks[p] |= PacketScript.DATA_ACK;
            s.dataAck[p] = c.dataAcked[1 - direction];
        }
    }
}
