package org.mptcpstat.api;

import org.agrona.BufferUtil;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.PacketRecord;

/**
 * A run of TCP packets that the dispatcher of a {@link ParallelAnalysis} hands to one worker, and
 * that comes back empty to be filled again: batches are reused, nothing is allocated per packet.
 * <p>
 * A packet is its record's header fields and the address of its captured bytes: in the capture's
 * mapping, which the dispatcher keeps mapped until the batch is back, or, for a reader that reuses
 * its buffer (gzip, a pipe), in a copy the batch holds. Each carries a clock: the latest capture
 * time of the packets that went to other workers since this worker's previous packet, which its
 * tracker must reach first to finish idle connections when a tracker seeing every packet would.
 * The dispatcher also asks the worker to check, after some packets, whether it still knows a
 * token; on the way back the batch carries the worker's answers, the tokens it no longer knows.
 */
final class PacketBatch
{
    /** Packets per batch: enough to make handing a batch over rare, few enough to keep workers busy. */
    static final int MAX_PACKETS = 1024;
    /** No packet went to another worker since this worker's previous one. */
    static final long NO_CLOCK = Long.MIN_VALUE;
    /** Bytes of copied packet data per batch; always room for the longest record a reader returns. */
    private static final int DATA_CAPACITY = Math.max(1 << 19, 2 * CaptureReader.MAX_CAPTURED_LENGTH);

    /** Copies, off-heap so that they have addresses as mapped records do; allocated on the first copy. */
    private UnsafeBuffer data;
    /** The packet {@link #read} points a record at. */
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final long[] address = new long[MAX_PACKETS];
    private final int[] capturedLength = new int[MAX_PACKETS];
    private final long[] originalLength = new long[MAX_PACKETS];
    private final long[] timestampNanos = new long[MAX_PACKETS];
    private final int[] linkType = new int[MAX_PACKETS];
    private final int[] interfaceId = new int[MAX_PACKETS];
    private final long[] frameNumber = new long[MAX_PACKETS];
    private final long[] clock = new long[MAX_PACKETS];
    /** Pairs (packet index, token): after that packet, the worker checks whether it still knows the token. */
    private final IntArrayList tokenChecks = new IntArrayList();
    /** Pairs (token, sequence): the worker no longer knew the token before its packet of that sequence. */
    private final LongArrayList forgottenTokens = new LongArrayList();
    private int count;
    private int used;
    private boolean last;
    private long endClock = NO_CLOCK;

    /** @return whether a packet with this many bytes to copy (0 for none) still fits. */
    boolean fits(final int copiedBytes)
    {
        return count < MAX_PACKETS && used + copiedBytes <= DATA_CAPACITY;
    }

    /**
     * Adds a packet; call only when it {@link #fits}.
     *
     * @param copy        whether to copy its bytes; if not, they must stay where they are, in
     *                    off-heap memory, until the batch is back.
     * @param packetClock what the packet carries as {@link #clock(int)}.
     * @return its index in the batch.
     */
    int add(final PacketRecord record, final boolean copy, final long packetClock)
    {
        final int length = record.capturedLength();
        if (copy)
        {
            if (data == null)
            {
                data = new UnsafeBuffer(BufferUtil.allocateDirectAligned(DATA_CAPACITY, Long.BYTES));
            }
            data.putBytes(used, record.buffer(), record.offset(), length);
            address[count] = data.addressOffset() + used;
            used += length;
        }
        else
        {
            if (record.buffer().byteArray() != null)
            {
                // A heap array moves with the garbage collector: only off-heap bytes keep an address.
                throw new IllegalStateException("frame " + record.frameNumber() + " is on the heap: copy it");
            }
            address[count] = record.buffer().addressOffset() + record.offset();
        }
        capturedLength[count] = length;
        originalLength[count] = record.originalLength();
        timestampNanos[count] = record.timestampNanos();
        linkType[count] = record.linkType();
        interfaceId[count] = record.interfaceId();
        frameNumber[count] = record.frameNumber();
        clock[count] = packetClock;
        return count++;
    }

    /** Asks the worker to report the token if it no longer knows it after the packet at {@code index}. */
    void checkToken(final int index, final int token)
    {
        tokenChecks.addInt(index);
        tokenChecks.addInt(token);
    }

    /** The capture ends after these packets; the worker first reaches {@code clock}. */
    void markLast(final long clock)
    {
        last = true;
        endClock = clock;
    }

    int count()
    {
        return count;
    }

    /** Points {@code record} at a packet of the batch; valid until the next read or the batch is reused. */
    PacketRecord read(final int index, final PacketRecord record)
    {
        view.wrap(address[index], capturedLength[index]);
        return record.set(view, 0, capturedLength[index], originalLength[index], timestampNanos[index],
            linkType[index], interfaceId[index], frameNumber[index]);
    }

    long clock(final int index)
    {
        return clock[index];
    }

    int tokenCheckCount()
    {
        return tokenChecks.size() / 2;
    }

    int tokenCheckIndex(final int check)
    {
        return tokenChecks.getInt(2 * check);
    }

    int tokenCheckToken(final int check)
    {
        return tokenChecks.getInt(2 * check + 1);
    }

    boolean isLast()
    {
        return last;
    }

    long endClock()
    {
        return endClock;
    }

    /** The worker no longer knows {@code token}, as of (before) its packet of this sequence number. */
    void forget(final int token, final long sequence)
    {
        forgottenTokens.addLong(token);
        forgottenTokens.addLong(sequence);
    }

    int forgottenCount()
    {
        return forgottenTokens.size() / 2;
    }

    int forgottenToken(final int n)
    {
        return (int)forgottenTokens.getLong(2 * n);
    }

    long forgottenSequence(final int n)
    {
        return forgottenTokens.getLong(2 * n + 1);
    }

    /** Empties the batch of its packets and token checks, once the worker is done with them. */
    void clearPackets()
    {
        count = 0;
        used = 0;
        tokenChecks.clear();
    }

    /** Empties what came back, once the dispatcher has read it. */
    void clearForgotten()
    {
        forgottenTokens.clear();
    }
}
