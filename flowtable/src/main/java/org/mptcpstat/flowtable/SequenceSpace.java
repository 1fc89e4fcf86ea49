package org.mptcpstat.flowtable;

/**
 * One direction's record of the sequence numbers it has sent, as segments in sequence order,
 * which tells retransmissions and out-of-order segments from new data and matches ACKs to the
 * segments they acknowledge. The rules are tcptrace's (so that counts agree with it):
 * <ul>
 * <li>SYN and FIN each occupy one sequence number, so a resent SYN or FIN is a retransmission.</li>
 * <li>A segment is a retransmission when any of its sequence numbers was recorded before; the
 *     retransmitted bytes are exactly those; its new bytes are recorded.</li>
 * <li>It is out of order when it starts before a recorded segment and ends before that segment's end.</li>
 * <li>An ACK gives an RTT sample only for the segment whose last byte it acknowledges exactly,
 *     if that segment was sent once (Karn) and no segment below it was sent after it.</li>
 * <li>A duplicate ACK ends exactly at an acknowledged segment, repeats the ACK sender's previous
 *     acknowledgment number and window and carries no payload.</li>
 * </ul>
 * Sequence numbers are unwrapped to 64 bits by the caller. Acknowledged neighbours of one owner
 * are merged, so a TCP list stays as long as the number of holes plus unacknowledged segments;
 * an MPTCP data-level list keeps one acknowledged segment per change of subflow, which grows with
 * the connection.
 * <p>
 * So that no packet walks that history, each list remembers its <em>acknowledged run</em>: its
 * first segments, up to {@link SegmentList#runEnd}, all acknowledged and merged as far as they can
 * be, with the latest time any of them was sent. An ACK that reaches past the run skips it (only
 * the run's last segment can end at the ACK, and the run's send time stands for the rest), merging
 * resumes at its end, and a record of later sequence numbers starts after it: exactly as walking
 * it would. A record that changes the run (new or re-owned sequence numbers inside it, or a send
 * time earlier than the run's) forgets it, and the next merge rebuilds it from the head.
 */
public final class SequenceSpace
{
    private static final int HEAD = 0;
    private static final int TAIL = 1;

    private final SegmentList segments;
    private int head;
    private int tail;

    // Results of record().
    private long retransmittedBytes;
    private boolean outOfOrder;
    private long sincePreviousNanos;
    private long sinceFirstNanos;
    private long resentFromOthers;
    private long firstResentFromOthers;
    private int firstOtherOwner;
    private long firstOtherSent;

    // Results of acknowledge().
    private long rttSampleMicros;
    private long rttSampleStart;
    private boolean duplicateAck;

    public SequenceSpace(final SegmentList segments)
    {
        this.segments = segments;
    }

    /**
     * Works on one list, given by its ends; after changing it, the caller stores {@link #head()}
     * and {@link #tail()} back where it keeps them.
     */
    public SequenceSpace wrap(final int listHead, final int listTail)
    {
        this.head = listHead;
        this.tail = listTail;
        return this;
    }

    /** Works on the list of one direction of a TCP connection, kept in its slot. */
    public SequenceSpace wrap(final TcpConnection connection, final int direction)
    {
        return wrap((int)connection.get(direction, TcpDirectionField.SEGMENT_HEAD),
            (int)connection.get(direction, TcpDirectionField.SEGMENT_TAIL));
    }

    /** Stores the list's ends back into the slot of a TCP connection's direction. */
    public void storeIn(final TcpConnection connection, final int direction)
    {
        connection.put(direction, TcpDirectionField.SEGMENT_HEAD, head);
        connection.put(direction, TcpDirectionField.SEGMENT_TAIL, tail);
    }

    public int head()
    {
        return head;
    }

    public int tail()
    {
        return tail;
    }

    /**
     * Records the sequence numbers {@code [first, end)} sent at {@code now}.
     *
     * @param owner a tag stored with the segments (the MPTCP subflow that sent them last); how
     *              many resent bytes other owners had sent is then {@link #resentFromOthers()}.
     * @return how many of them had been recorded before (retransmitted).
     */
    public long record(final long firstSeq, final long end, final long now, final int owner)
    {
        retransmittedBytes = 0;
        outOfOrder = false;
        sincePreviousNanos = -1;
        sinceFirstNanos = -1;
        resentFromOthers = 0;
        firstResentFromOthers = 0;
        firstOtherOwner = -1;
        long first = firstSeq;
        boolean split = false;
        final int runEnd = runEnd();
        int p = head;
        if (tail != SegmentList.NONE && before(segments.end(tail), first + 1))
        {
            p = SegmentList.NONE;
        }
        else if (runEnd != SegmentList.NONE && !before(first, segments.end(runEnd)))
        {
            // Every segment of the acknowledged run ends at or before the first sequence number.
            p = segments.next(runEnd);
        }
        while (p != SegmentList.NONE)
        {
            if (!before(first, segments.end(p)))
            {
                p = segments.next(p);
                continue;
            }
            if (before(first, segments.start(p)))
            {
                if (before(end, segments.end(p)))
                {
                    outOfOrder = true;
                }
                if (inRun(p))
                {
                    forgetRun();
                }
                insertBefore(p, first, Math.min(end, segments.start(p)), now, owner);
                if (!before(segments.start(p), end))
                {
                    return retransmittedBytes;
                }
                first = segments.start(p);
            }
            segments.retransmitted(p);
            if (!split)
            {
                // The delays of a retransmission are measured on the first segment it resends.
                sincePreviousNanos = now - segments.lastSent(p);
                sinceFirstNanos = now - segments.firstSent(p);
                segments.lastSent(p, now);
                if (inRun(p))
                {
                    resentInRun(now);
                }
            }
            final long resent = (before(end, segments.end(p)) ? end : segments.end(p)) - first;
            if (segments.owner(p) != owner)
            {
                resentFromOthers += resent;
                firstResentFromOthers += segments.changedOwner(p) ? 0 : resent;
                noteOther(p);
                if (inRun(p))
                {
                    forgetRun();
                }
                p = takeOver(p, first, before(end, segments.end(p)) ? end : segments.end(p), owner);
            }
            retransmittedBytes += resent;
            if (!before(segments.end(p), end))
            {
                return retransmittedBytes;
            }
            split = true;
            first = segments.end(p);
            p = segments.next(p);
        }
        insertBefore(SegmentList.NONE, first, end, now, owner);
        return retransmittedBytes;
    }

    /**
     * Sequence numbers use all 64 bits (MPTCP data sequence numbers start anywhere), so order is
     * judged by the difference, which stays right across the sign and the wrap.
     */
    private static boolean before(final long a, final long b)
    {
        return a - b < 0;
    }

    /**
     * Gives {@code [from, to)} of segment {@code p} to a new owner, splitting off the parts before
     * and after it, which keep theirs.
     *
     * @return the segment now covering {@code [from, to)}.
     */
    private int takeOver(final int p, final long from, final long to, final int owner)
    {
        int taken = p;
        if (before(segments.start(taken), from))
        {
            taken = splitAt(taken, from);
        }
        if (before(to, segments.end(taken)))
        {
            splitAt(taken, to);
        }
        segments.owner(taken, owner);
        return taken;
    }

    /** Cuts a segment in two at {@code position}; the new right part copies its history. */
    private int splitAt(final int segment, final long position)
    {
        final int right = segments.allocate(position, segments.end(segment), segments.firstSent(segment),
            segments.owner(segment));
        segments.lastSent(right, segments.lastSent(segment));
        segments.acknowledged(right, segments.acknowledged(segment));
        segments.changedOwner(right, segments.changedOwner(segment));
        segments.retransmissions(right, segments.retransmissions(segment));
        segments.end(segment, position);
        segments.link(right, segment, segments.next(segment));
        if (tail == segment)
        {
            tail = right;
        }
        return right;
    }

    /**
     * Applies an acknowledgment of this direction's data.
     *
     * @param ack                unwrapped acknowledgment number.
     * @param ackCarriesPayload  whether the ACK packet carried data (then it is never a duplicate).
     * @param repeatsPrevious    whether it repeats the ACK sender's previous acknowledgment number
     *                           and window, and this direction has sent new data (BSD's duplicate rule).
     */
    public void acknowledge(final long ack, final long now, final boolean ackCarriesPayload, final boolean repeatsPrevious)
    {
        rttSampleMicros = -1;
        rttSampleStart = -1;
        duplicateAck = false;
        long lastSent = Long.MIN_VALUE;
        boolean changed = false;
        int s = head;
        final int runEnd = runEnd();
        if (runEnd != SegmentList.NONE && before(segments.start(runEnd), ack))
        {
            // The whole run lies below the ACK, and only its last segment can end at the ACK.
            lastSent = segments.runLastSent(head);
            duplicateAck = ack == segments.end(runEnd) && repeatsPrevious && !ackCarriesPayload;
            s = segments.next(runEnd);
        }
        for (; s != SegmentList.NONE; s = segments.next(s))
        {
            if (!before(segments.start(s), ack))
            {
                break;
            }
            lastSent = Math.max(lastSent, segments.lastSent(s));
            if (segments.acknowledged(s))
            {
                duplicateAck |= ack == segments.end(s) && repeatsPrevious && !ackCarriesPayload;
                continue;
            }
            segments.acknowledged(s, true);
            changed = true;
            if (ack == segments.end(s) && lastSent <= segments.lastSent(s) && segments.retransmissions(s) == 0)
            {
                rttSampleMicros = Math.max(0, now / 1000 - segments.lastSent(s) / 1000);
                rttSampleStart = segments.start(s);
            }
        }
        if (changed)
        {
            mergeAcknowledged();
        }
    }

    /** Frees every segment of the list, when the connection is finished. */
    public void release()
    {
        for (int s = head; s != SegmentList.NONE; )
        {
            final int next = segments.next(s);
            segments.release(s);
            s = next;
        }
        head = SegmentList.NONE;
        tail = SegmentList.NONE;
    }

    public boolean outOfOrder()
    {
        return outOfOrder;
    }

    /**
     * @return the bytes of the last record that other owners had sent and that no owner had
     * resent before: summed, the size of the union of resent ranges.
     */
    public long firstResentFromOthers()
    {
        return firstResentFromOthers;
    }

    /** @return the bytes of the last record that other owners had sent (MPTCP: reinjected bytes). */
    public long resentFromOthers()
    {
        return resentFromOthers;
    }

    private void noteOther(final int segment)
    {
        if (firstOtherOwner < 0)
        {
            firstOtherOwner = segments.owner(segment);
            firstOtherSent = segments.firstSent(segment);
        }
    }

    /** @return when the first other owner's resent bytes were first sent. */
    public long firstSentByOthers()
    {
        return firstOtherSent;
    }

    /** @return the first other owner whose bytes the last record resent, or -1. */
    public int firstOtherOwner()
    {
        return firstOtherOwner;
    }

    /** @return time since the resent segment was last sent, or -1 for new data. */
    public long sincePreviousNanos()
    {
        return sincePreviousNanos;
    }

    public long sinceFirstNanos()
    {
        return sinceFirstNanos;
    }

    /** @return the RTT sample the last ACK gave, in µs, or -1. */
    public long rttSampleMicros()
    {
        return rttSampleMicros;
    }

    /** @return first sequence number of the segment the last RTT sample measured. */
    public long rttSampleStart()
    {
        return rttSampleStart;
    }

    public boolean duplicateAck()
    {
        return duplicateAck;
    }

    private void insertBefore(final int before, final long first, final long end, final long now, final int owner)
    {
        final int segment = segments.allocate(first, end, now, owner);
        final int previous = before == SegmentList.NONE ? tail : segments.previous(before);
        segments.link(segment, previous, before);
        if (previous == SegmentList.NONE)
        {
            head = segment;
        }
        if (before == SegmentList.NONE)
        {
            tail = segment;
        }
    }

    /**
     * Merges runs of adjacent acknowledged segments of one owner from the head, keeping the latest
     * send time; segments of different owners stay apart so that resent data still names its sender.
     * The acknowledged run is merged already, so the walk resumes at its last segment, and it ends
     * as the new run.
     */
    private void mergeAcknowledged()
    {
        final int runEnd = runEnd();
        int s = runEnd != SegmentList.NONE ? runEnd : head;
        long runLastSent = runEnd != SegmentList.NONE ? segments.runLastSent(head) : Long.MIN_VALUE;
        int last = SegmentList.NONE;
        while (s != SegmentList.NONE && segments.acknowledged(s))
        {
            final int next = segments.next(s);
            if (next != SegmentList.NONE && segments.acknowledged(next) && segments.end(s) == segments.start(next) &&
                segments.owner(next) == segments.owner(s))
            {
                segments.end(s, segments.end(next));
                segments.lastSent(s, Math.max(segments.lastSent(s), segments.lastSent(next)));
                segments.unlink(next);
                if (next == tail)
                {
                    tail = s;
                }
                segments.release(next);
            }
            else
            {
                runLastSent = Math.max(runLastSent, segments.lastSent(s));
                last = s;
                s = next;
            }
        }
        if (head != SegmentList.NONE)
        {
            segments.runEnd(head, last);
            segments.runLastSent(head, runLastSent);
        }
    }

    /** @return the last segment of the acknowledged run, or NONE. */
    private int runEnd()
    {
        return head == SegmentList.NONE ? SegmentList.NONE : segments.runEnd(head);
    }

    private boolean inRun(final int segment)
    {
        final int runEnd = runEnd();
        return runEnd != SegmentList.NONE && !before(segments.start(runEnd), segments.start(segment));
    }

    /** A segment of the run was sent again at {@code now}: the run's latest send time follows, if it can. */
    private void resentInRun(final long now)
    {
        if (now >= segments.runLastSent(head))
        {
            segments.runLastSent(head, now);
        }
        else
        {
            // The resent segment may have held the latest time, and no other is known without a walk.
            forgetRun();
        }
    }

    private void forgetRun()
    {
        segments.runEnd(head, SegmentList.NONE);
    }
}
