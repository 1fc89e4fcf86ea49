package org.mptcpstat.bench.generate;

import java.util.Arrays;

/**
 * The packets of one conversation, as columns of primitives: planners append them in any order,
 * {@link #sortByTime()} puts them in capture order, and the frame encoder turns each into bytes
 * when its turn comes. Sequence numbers are relative to the sender's ISN (the SYN is 0);
 * acknowledgment numbers to the receiver's. The arrays grow to the largest conversation and are
 * then reused, so memory depends on the conversations' size, never on the capture's.
 */
final class PacketScript
{
    static final int C2S = 0;
    static final int S2C = 1;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    /** What a packet's options carry besides nothing: see {@link MptcpOptionWriter}. */
    static final byte NO_OPTION = 0;
    static final byte MP_CAPABLE_SYN = 2;
    static final byte MP_CAPABLE_SYN_ACK = 3;
    static final byte MP_CAPABLE_ACK = 4;
    static final byte MP_JOIN_SYN = 5;
    static final byte MP_JOIN_SYN_ACK = 6;
    static final byte MP_JOIN_ACK = 7;
    static final byte DSS = 8;
    static final byte ADD_ADDR = 9;
    static final byte ADD_ADDR_ECHO = 10;
    static final byte MP_PRIO = 11;
    static final byte MP_FASTCLOSE = 12;

    /** Marks: what the ground truth learns from a packet besides its headers. */
    static final int FAST_RETRANSMISSION = 1;
    static final int RTO_RETRANSMISSION = 1 << 1;
    static final int RETRANSMISSIONS = FAST_RETRANSMISSION | RTO_RETRANSMISSION;
    static final int OUT_OF_ORDER = 1 << 2;
    /** DSS: the packet carries a mapping (dsn, ssn, mapping length). */
    static final int MAPPING = 1 << 3;
    /** DSS: the packet carries a DATA_ACK. */
    static final int DATA_ACK = 1 << 4;
    /** DSS: the mapping ends with the DATA_FIN. */
    static final int DATA_FIN = 1 << 5;

    private static final int INITIAL_CAPACITY = 256;

    long[] time = new long[INITIAL_CAPACITY];
    int[] subflow = new int[INITIAL_CAPACITY];
    int[] direction = new int[INITIAL_CAPACITY];
    int[] flags = new int[INITIAL_CAPACITY];
    long[] seq = new long[INITIAL_CAPACITY];
    long[] ack = new long[INITIAL_CAPACITY];
    int[] payload = new int[INITIAL_CAPACITY];
    byte[] option = new byte[INITIAL_CAPACITY];
    int[] marks = new int[INITIAL_CAPACITY];
    long[] dsn = new long[INITIAL_CAPACITY];
    long[] ssn = new long[INITIAL_CAPACITY];
    int[] mappingLength = new int[INITIAL_CAPACITY];
    long[] dataAck = new long[INITIAL_CAPACITY];
    private int[] order = new int[INITIAL_CAPACITY];
    private int count;

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    /** @return the index of the packet at position {@code rank} in capture order, after {@link #sortByTime()}. */
    int inCaptureOrder(final int rank)
    {
        return order[rank];
    }

    /** @return the new packet's index; options and marks start empty. */
    int add(final long timeNanos, final int subflowNumber, final int packetDirection, final int tcpFlags,
        final long relativeSeq, final long relativeAck, final int payloadLength)
    {
        if (count == time.length)
        {
            grow();
        }
        final int p = count++;
        time[p] = timeNanos;
        subflow[p] = subflowNumber;
        direction[p] = packetDirection;
        flags[p] = tcpFlags;
        seq[p] = relativeSeq;
        ack[p] = relativeAck;
        payload[p] = payloadLength;
        option[p] = NO_OPTION;
        marks[p] = 0;
        return p;
    }

    /** Puts the packets in time order; packets of the same time keep the order they were added in. */
    void sortByTime()
    {
        for (int i = 0; i < count; i++)
        {
            int j = i;
            // Insertion sort: planners add packets almost in order, so this is close to linear.
            while (j > 0 && time[order[j - 1]] > time[i])
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
    }

    /** @return the time of the last packet, sorted or not. */
    long latestTime()
    {
        long latest = Long.MIN_VALUE;
        for (int p = 0; p < count; p++)
        {
            latest = Math.max(latest, time[p]);
        }
        return latest;
    }

    private void grow()
    {
        final int capacity = time.length * 2;
        time = Arrays.copyOf(time, capacity);
        subflow = Arrays.copyOf(subflow, capacity);
        direction = Arrays.copyOf(direction, capacity);
        flags = Arrays.copyOf(flags, capacity);
        seq = Arrays.copyOf(seq, capacity);
        ack = Arrays.copyOf(ack, capacity);
        payload = Arrays.copyOf(payload, capacity);
        option = Arrays.copyOf(option, capacity);
        marks = Arrays.copyOf(marks, capacity);
        dsn = Arrays.copyOf(dsn, capacity);
        ssn = Arrays.copyOf(ssn, capacity);
        mappingLength = Arrays.copyOf(mappingLength, capacity);
        dataAck = Arrays.copyOf(dataAck, capacity);
        order = Arrays.copyOf(order, capacity);
    }
}
