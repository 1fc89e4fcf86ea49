package org.mptcpstat.api;

import com.carrotsearch.hppc.IntLongHashMap;
import org.agrona.collections.IntArrayList;
import org.mptcpstat.flowtable.TcpFlowTable;
import org.mptcpstat.flowtable.mptcp.MptcpKeys;
import org.mptcpstat.parser.mptcp.AddAddrOption;
import org.mptcpstat.parser.mptcp.MpCapableOption;
import org.mptcpstat.parser.mptcp.MpJoinOption;
import org.mptcpstat.parser.mptcp.MptcpOptionDecoder;
import org.mptcpstat.parser.mptcp.MptcpSubtype;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;

/**
 * Chooses the worker of a parallel analysis that tracks each TCP packet, in capture order, so
 * that a worker gets every packet of its connections and of their MPTCP connections:
 * <ul>
 * <li>A packet goes to the worker its 4-tuple hashes to, unless the 4-tuple is pinned.</li>
 * <li>An MPTCP key (in an MP_CAPABLE, read as {@code MptcpTracker} reads it: a SYN's sender key,
 *     or both keys of a later packet) makes its token point at the packet's worker.</li>
 * <li>An MP_JOIN SYN goes to the worker its token points at, or, for a token nobody has, to the
 *     worker the token hashes to, so that joins naming the same unknown token meet. Its 4-tuple is
 *     pinned to that worker, so the rest of the subflow follows.</li>
 * </ul>
 * Both maps are bounded. A pin is dropped once its 4-tuple has been idle for the idle timeout,
 * measured on the latest capture time seen: by then the worker has finished the connection, as a
 * tracker seeing every packet would have (idle connections are finished oldest first, and every
 * connection touched before the pinned one's last packet is older than that time). A token is
 * dropped when its worker reports that it no longer knows it ({@link #forget}), unless the token
 * was used for that worker since: each entry remembers the per-worker sequence number of the last
 * packet that used it.
 * <p>
 * Nothing is allocated per packet; keys are hashed once per MP_CAPABLE that carries them.
 */
final class PacketRouter
{
    /** Token entries hold the worker in their low bits and the sequence of the last use above. */
    private static final int WORKER_BITS = 16;
    private static final long WORKER_MASK = (1L << WORKER_BITS) - 1;
    private static final long NO_ENTRY = -1;
    /** A pin's slot: the flow table's key and bookkeeping, then the worker. */
    private static final int PIN_WORKER_OFFSET = TcpFlowTable.HEADER_LENGTH;
    private static final int PIN_SLOT_LENGTH = PIN_WORKER_OFFSET + Integer.BYTES;
    private static final int INITIAL_PINS = 64;

    private final int workers;
    private final long idleTimeoutNanos;
    private final TcpFlowTable pins = new TcpFlowTable(PIN_SLOT_LENGTH, INITIAL_PINS);
    private final IntLongHashMap tokens = new IntLongHashMap();
    /** Per worker, the sequence number (from 1) of the last packet routed to it. */
    private final long[] sequences;
    private final MptcpOptionDecoder options = new MptcpOptionDecoder();
    private final MptcpKeys keys = new MptcpKeys();
    private final IntArrayList usedTokens = new IntArrayList();
    /** The latest capture time seen: pins age by it, as it never goes back. */
    private long clock = Long.MIN_VALUE;
    /** The token of the MP_JOIN SYN {@link #findJoin} found last. */
    private int joinToken;

    PacketRouter(final int workers, final long idleTimeoutNanos)
    {
        if (workers < 1 || workers > WORKER_MASK)
        {
            throw new IllegalArgumentException("workers out of range: " + workers);
        }
        this.workers = workers;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.sequences = new long[workers];
    }

    /**
     * @return the worker of the packet; {@link #sequence(int)} then gives the packet's sequence
     * number there, and {@link #usedTokens()} the tokens the packet made point at that worker.
     */
    int route(final TcpPacket packet)
    {
        clock = Math.max(clock, packet.timestampNanos());
        dropIdlePins();
        usedTokens.clear();
        final int pin = pins.find(packet);
        final int hashed = workerOf(pins.lastHash(), workers);
        int worker = pin == TcpFlowTable.NONE ? hashed : pins.buffer().getInt(pins.offset(pin) + PIN_WORKER_OFFSET);
        final boolean join = findJoin(packet);
        if (join)
        {
            final long entry = tokens.getOrDefault(joinToken, NO_ENTRY);
            worker = entry == NO_ENTRY ? workerOf(joinToken, workers) : (int)(entry & WORKER_MASK);
            usedTokens.addInt(joinToken);
        }
        if (pin != TcpFlowTable.NONE)
        {
            pins.buffer().putInt(pins.offset(pin) + PIN_WORKER_OFFSET, worker);
            pins.touch(pin, clock);
        }
        else if (worker != hashed)
        {
            final int pinned = pins.insertLastFound(clock);
            pins.buffer().putInt(pins.offset(pinned) + PIN_WORKER_OFFSET, worker);
        }
        final long sequence = ++sequences[worker];
        if (join)
        {
            tokens.put(joinToken, sequence << WORKER_BITS | worker);
        }
        registerKeys(packet, worker, sequence);
        return worker;
    }

    /** @return the sequence number of the last packet routed to a worker (from 1). */
    long sequence(final int worker)
    {
        return sequences[worker];
    }

    /** @return the tokens the last routed packet used: its worker should say if it does not know them after it. */
    IntArrayList usedTokens()
    {
        return usedTokens;
    }

    /**
     * A worker no longer knows a token as of its packet of {@code sequence} (before it): the token
     * stops pointing at it, unless a later packet used the token there.
     */
    void forget(final int worker, final int token, final long sequence)
    {
        final long entry = tokens.getOrDefault(token, NO_ENTRY);
        if (entry != NO_ENTRY && (entry & WORKER_MASK) == worker && entry >>> WORKER_BITS < sequence)
        {
            tokens.remove(token);
        }
    }

    /** @return 4-tuples pinned now. */
    int pinned()
    {
        return pins.size();
    }

    /** @return tokens mapped now. */
    int tokens()
    {
        return tokens.size();
    }

    /** Spreads hashes over the workers by their high bits: the flow tables index by the low ones. */
    static int workerOf(final int hash, final int workers)
    {
        return (int)(((hash & 0xFFFF_FFFFL) * workers) >>> Integer.SIZE);
    }

    private void dropIdlePins()
    {
        while (pins.oldest() != TcpFlowTable.NONE && clock - pins.lastActivityNanos(pins.oldest()) > idleTimeoutNanos)
        {
            pins.remove(pins.oldest());
        }
    }

    /** @return whether the packet has a valid MP_JOIN of the SYN form; the first one's token is then in {@link #joinToken}. */
    private boolean findJoin(final TcpPacket packet)
    {
        for (int i = 0; i < packet.mptcpOptionCount(); i++)
        {
            if (wrap(packet, i, MptcpSubtype.MP_JOIN) && options.mpJoin().form() == MpJoinOption.Form.SYN)
            {
                joinToken = (int)options.mpJoin().receiverToken();
                return true;
            }
        }
        return false;
    }

    /** Points the tokens of the keys the packet's MP_CAPABLEs carry at its worker. */
    private void registerKeys(final TcpPacket packet, final int worker, final long sequence)
    {
        final boolean syn = packet.hasFlag(TcpHeader.SYN);
        for (int i = 0; i < packet.mptcpOptionCount(); i++)
        {
            if (!wrap(packet, i, MptcpSubtype.MP_CAPABLE))
            {
                continue;
            }
            final MpCapableOption option = options.mpCapable();
            if (syn && option.hasSenderKey())
            {
                register(option.version(), option.senderKey(), worker, sequence);
            }
            else if (!syn && option.hasSenderKey() && option.hasReceiverKey())
            {
                register(option.version(), option.senderKey(), worker, sequence);
                register(option.version(), option.receiverKey(), worker, sequence);
            }
        }
    }

    private void register(final int version, final long key, final int worker, final long sequence)
    {
        final int token = keys.hash(version, key).token();
        tokens.put(token, sequence << WORKER_BITS | worker);
        usedTokens.addInt(token);
    }

    /** @return whether the n-th MPTCP option has this subtype and is valid; its flyweight is then wrapped. */
    private boolean wrap(final TcpPacket packet, final int n, final int subtype)
    {
        final int offset = packet.mptcpOptionOffset(n);
        final int length = packet.mptcpOptionLength(n);
        // The subtype nibble alone first: most options (DSS) are not worth decoding here.
        return MptcpSubtype.of(packet.buffer(), offset, length) == subtype &&
            options.wrap(packet.buffer(), offset, length, AddAddrOption.VERSION_UNKNOWN) == subtype &&
            options.isValid();
    }
}
