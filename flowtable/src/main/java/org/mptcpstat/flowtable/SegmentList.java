package org.mptcpstat.flowtable;

import java.util.Arrays;

/**
 * The segments each direction has sent and that are not yet folded into its acknowledged
 * prefix, kept in sequence order in primitive arrays shared by every connection of a table:
 * one pool, a free list, and per direction a doubly linked list whose ends live in the slot.
 * Nothing is allocated per packet; the pool grows by doubling when more segments are
 * outstanding at once than ever before.
 * <p>
 * A list's first segment also holds the summary of the list's acknowledged run (see
 * {@link SequenceSpace}), so that it moves with the list and needs no room where lists are kept.
 * <p>
 * Sequence numbers are unwrapped to 64 bits by the tracker, so comparisons here are plain.
 * Index 0 is never used: a zeroed head or tail field means "empty list". The class is public so
 * that the MPTCP tracker can keep its own lists in the same pool; its operations are the
 * package's, through {@link SequenceSpace}.
 */
public final class SegmentList
{
    static final int NONE = 0;

    private long[] start = new long[1024];
    private long[] end = new long[1024];
    private long[] firstSent = new long[1024];
    private long[] lastSent = new long[1024];
    private int[] retransmissions = new int[1024];
    private boolean[] acknowledged = new boolean[1024];
    private int[] owners = new int[1024];
    private boolean[] changedOwner = new boolean[1024];
    private int[] next = new int[1024];
    private int[] previous = new int[1024];
    private int[] runEnd = new int[1024];
    private long[] runLastSent = new long[1024];
    private int freeHead = NONE;
    private int highWater = 1;

    int allocate(final long segmentStart, final long segmentEnd, final long timeNanos, final int owner)
    {
        final int segment;
        if (freeHead != NONE)
        {
            segment = freeHead;
            freeHead = next[segment];
        }
        else
        {
            if (highWater == start.length)
            {
                grow();
            }
            segment = highWater++;
        }
        start[segment] = segmentStart;
        end[segment] = segmentEnd;
        firstSent[segment] = timeNanos;
        lastSent[segment] = timeNanos;
        retransmissions[segment] = 0;
        acknowledged[segment] = false;
        owners[segment] = owner;
        changedOwner[segment] = false;
        next[segment] = NONE;
        previous[segment] = NONE;
        runEnd[segment] = NONE;
        return segment;
    }

    void release(final int segment)
    {
        next[segment] = freeHead;
        freeHead = segment;
    }

    /** @return first sequence number of the segment. */
    long start(final int segment)
    {
        return start[segment];
    }

    /** @return one past its last sequence number. */
    long end(final int segment)
    {
        return end[segment];
    }

    void end(final int segment, final long value)
    {
        end[segment] = value;
    }

    long firstSent(final int segment)
    {
        return firstSent[segment];
    }

    /** @return when it was last (re)sent: RTT and retransmission delays are measured from here. */
    long lastSent(final int segment)
    {
        return lastSent[segment];
    }

    void lastSent(final int segment, final long timeNanos)
    {
        lastSent[segment] = timeNanos;
    }

    int retransmissions(final int segment)
    {
        return retransmissions[segment];
    }

    void retransmissions(final int segment, final int count)
    {
        retransmissions[segment] = count;
    }

    void retransmitted(final int segment)
    {
        retransmissions[segment]++;
    }

    /** @return whether an ACK ended in or beyond it. */
    boolean acknowledged(final int segment)
    {
        return acknowledged[segment];
    }

    void acknowledged(final int segment, final boolean value)
    {
        acknowledged[segment] = value;
    }

    /** @return on a list's first segment: the last segment of the list's acknowledged run, or NONE. */
    int runEnd(final int head)
    {
        return runEnd[head];
    }

    void runEnd(final int head, final int segment)
    {
        runEnd[head] = segment;
    }

    /** @return on a list's first segment: the latest send time of its acknowledged run's segments. */
    long runLastSent(final int head)
    {
        return runLastSent[head];
    }

    void runLastSent(final int head, final long timeNanos)
    {
        runLastSent[head] = timeNanos;
    }

    /** @return the segment's tag: which MPTCP subflow sent these data sequence numbers last. */
    int owner(final int segment)
    {
        return owners[segment];
    }

    void owner(final int segment, final int owner)
    {
        changedOwner[segment] |= owners[segment] != owner;
        owners[segment] = owner;
    }

    /** @return whether another owner has sent these sequence numbers before the current one. */
    boolean changedOwner(final int segment)
    {
        return changedOwner[segment];
    }

    void changedOwner(final int segment, final boolean changed)
    {
        changedOwner[segment] = changed;
    }

    int next(final int segment)
    {
        return next[segment];
    }

    int previous(final int segment)
    {
        return previous[segment];
    }

    void link(final int segment, final int previousSegment, final int nextSegment)
    {
        previous[segment] = previousSegment;
        next[segment] = nextSegment;
        if (previousSegment != NONE)
        {
            next[previousSegment] = segment;
        }
        if (nextSegment != NONE)
        {
            previous[nextSegment] = segment;
        }
    }

    void unlink(final int segment)
    {
        final int p = previous[segment];
        final int n = next[segment];
        if (p != NONE)
        {
            next[p] = n;
        }
        if (n != NONE)
        {
            previous[n] = p;
        }
    }

    private void grow()
    {
        final int capacity = start.length * 2;
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        firstSent = Arrays.copyOf(firstSent, capacity);
        lastSent = Arrays.copyOf(lastSent, capacity);
        retransmissions = Arrays.copyOf(retransmissions, capacity);
        acknowledged = Arrays.copyOf(acknowledged, capacity);
        owners = Arrays.copyOf(owners, capacity);
        changedOwner = Arrays.copyOf(changedOwner, capacity);
        next = Arrays.copyOf(next, capacity);
        previous = Arrays.copyOf(previous, capacity);
        runEnd = Arrays.copyOf(runEnd, capacity);
        runLastSent = Arrays.copyOf(runLastSent, capacity);
    }
}
