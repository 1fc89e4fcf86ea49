package org.mptcpstat.flowtable;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.packet.TcpPacket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The open connections of one capture, keyed by their canonical 4-tuple, each in a fixed-size
 * slot of one off-heap buffer. The table knows only the key at the start of a slot; the rest of
 * the slot belongs to the tracker, which describes its layout by the slot size.
 * <p>
 * Lookups use open addressing with linear probing over a {@code long[]} index whose entries hold
 * a slot number and its key's hash, with backward-shift deletion (no tombstones): a lookup costs a
 * hash and, almost always, one key comparison, and probing past other keys never touches their
 * slots. Slots are also chained in order of last activity, oldest first, so that idle connections
 * are found in constant time. That chain and the activity times live in small arrays beside the
 * index, not in the slots: marking a connection active updates its neighbours in the chain, and
 * those would otherwise be cache misses in slots the packet does not need. Freed slots are reused:
 * memory follows the number of open connections, not the length of the capture. Nothing is
 * allocated per packet; growing doubles the slot buffer, the arrays and the index.
 * <pre>
 * Slot header (then the tracker's state, from {@link #HEADER_LENGTH}):
 *  0: a address high (8)     8: a address low (8)   16: b address high (8)   24: b address low (8)
 * 32: a port (2)  34: b port (2)  36: IP version (1)  37: pad (3)
 * </pre>
 * Endpoint "a" is the smaller of the two (address, then port): both directions of a connection
 * map to the same key, and {@link #direction()} says which way the looked-up packet went.
 */
public final class TcpFlowTable implements AutoCloseable
{
    public static final int HEADER_LENGTH = 40;
    /** The packet went from endpoint a to endpoint b. */
    public static final int A_TO_B = 0;
    public static final int B_TO_A = 1;
    public static final int NONE = -1;

    private static final int A_HIGH_OFFSET = 0;
    private static final int A_LOW_OFFSET = 8;
    private static final int B_HIGH_OFFSET = 16;
    private static final int B_LOW_OFFSET = 24;
    private static final int A_PORT_OFFSET = 32;
    private static final int B_PORT_OFFSET = 34;
    private static final int IP_VERSION_OFFSET = 36;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** An index entry: the key's hash in the high half, the slot number plus one in the low half. */
    private static final long EMPTY = 0;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private final int slotLength;
    /**
     * One buffer object for the table's life, rewrapped when the table grows: whoever kept a
     * reference to it (a flyweight, a caller between two calls) reads the current slots, never
     * memory already given back.
     */
    private final UnsafeBuffer slots = new UnsafeBuffer(0, 0);
    private ByteBuffer memory;
    private int capacity;
    private long[] index;
    private int indexMask;
    /** Per slot: its key's hash, its neighbours in activity order, its last activity (ns). */
    private int[] hashes;
    private int[] older;
    private int[] newer;
    private long[] lastActivity;
    private int[] freeSlots;
    private int freeCount;
    private int highWater;
    private int size;
    private int oldest = NONE;
    private int newest = NONE;

    // The canonical key of the last packet passed to find or insert.
    private long aHigh;
    private long aLow;
    private long bHigh;
    private long bLow;
    private int aPort;
    private int bPort;
    private int ipVersion;
    private int hash;
    private int direction;

    /**
     * @param slotLength      bytes per slot, header included; rounded up to 8.
     * @param initialCapacity slots before the first growth.
     */
    public TcpFlowTable(final int slotLength, final int initialCapacity)
    {
        if (slotLength < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("slot shorter than its header: " + slotLength);
        }
        this.slotLength = BitUtil.align(slotLength, 8);
        this.capacity = Math.max(16, initialCapacity);
        this.memory = allocate(capacity);
        this.slots.wrap(memory);
        this.index = new long[BitUtil.findNextPositivePowerOfTwo(capacity * 2)];
        this.indexMask = index.length - 1;
        this.freeSlots = new int[capacity];
        this.hashes = new int[capacity];
        this.older = new int[capacity];
        this.newer = new int[capacity];
        this.lastActivity = new long[capacity];
    }

    /**
     * Finds the connection of a packet and records the packet's {@link #direction()}.
     *
     * @return the slot, or {@link #NONE}.
     */
    public int find(final TcpPacket packet)
    {
        keyOf(packet);
        for (int i = hash & indexMask; ; i = (i + 1) & indexMask)
        {
            final long entry = index[i];
            if (entry == EMPTY)
            {
                return NONE;
            }
            final int slot = (int)(entry & SLOT_MASK) - 1;
            if ((int)(entry >>> Integer.SIZE) == hash && matches(slot))
            {
                return slot;
            }
        }
    }

    /**
     * Adds a connection for the packet last passed to {@link #find}, which must have returned
     * {@link #NONE}. The tracker's part of the slot is zeroed.
     *
     * @return the new slot.
     */
    public int insertLastFound(final long nowNanos)
    {
        if (freeCount == 0 && highWater == capacity)
        {
            grow();
        }
        final int slot = freeCount > 0 ? freeSlots[--freeCount] : highWater++;
        final int base = offset(slot);
        slots.setMemory(base, slotLength, (byte)0);
        slots.putLong(base + A_HIGH_OFFSET, aHigh, ORDER);
        slots.putLong(base + A_LOW_OFFSET, aLow, ORDER);
        slots.putLong(base + B_HIGH_OFFSET, bHigh, ORDER);
        slots.putLong(base + B_LOW_OFFSET, bLow, ORDER);
        slots.putShort(base + A_PORT_OFFSET, (short)aPort, ORDER);
        slots.putShort(base + B_PORT_OFFSET, (short)bPort, ORDER);
        slots.putByte(base + IP_VERSION_OFFSET, (byte)ipVersion);
        hashes[slot] = hash;
        placeInIndex(slot, hash);
        appendNewest(slot);
        lastActivity[slot] = nowNanos;
        size++;
        return slot;
    }

    /** Marks a connection as active now: it moves to the newest end of the activity order. */
    public void touch(final int slot, final long nowNanos)
    {
        if (slot != newest)
        {
            unlink(slot);
            appendNewest(slot);
        }
        lastActivity[slot] = nowNanos;
    }

    /** Frees a slot; its bytes may be reused by the next insert. */
    public void remove(final int slot)
    {
        unlink(slot);
        int hole = findIndexPosition(slot);
        index[hole] = EMPTY;
        // Backward-shift deletion: pull later entries of the probe run into the hole when their
        // home position allows, so lookups never need tombstones.
        for (int i = (hole + 1) & indexMask; index[i] != EMPTY; i = (i + 1) & indexMask)
        {
            final int home = (int)(index[i] >>> Integer.SIZE) & indexMask;
            if (((i - home) & indexMask) >= ((i - hole) & indexMask))
            {
                index[hole] = index[i];
                index[i] = EMPTY;
                hole = i;
            }
        }
        freeSlots[freeCount++] = slot;
        size--;
    }

    /** @return the least recently active connection, or {@link #NONE} when the table is empty. */
    public int oldest()
    {
        return oldest;
    }

    /** @return the next more recently active connection after {@code slot}, or {@link #NONE}. */
    public int newer(final int slot)
    {
        return newer[slot];
    }

    public long lastActivityNanos(final int slot)
    {
        return lastActivity[slot];
    }

    /**
     * @return the hash of the 4-tuple of the packet last passed to {@link #find}: the same for both
     * directions, and well spread in every bit.
     */
    public int lastHash()
    {
        return hash;
    }

    /** @return direction of the packet last passed to {@link #find}: {@link #A_TO_B} or {@link #B_TO_A}. */
    public int direction()
    {
        return direction;
    }

    public int size()
    {
        return size;
    }

    /** @return the buffer holding every slot, the same object for the table's life (growth rewraps it). */
    public UnsafeBuffer buffer()
    {
        return slots;
    }

    /** @return index in {@link #buffer()} of a slot's first byte. */
    public int offset(final int slot)
    {
        return slot * slotLength;
    }

    public int slotLength()
    {
        return slotLength;
    }

    public int ipVersion(final int slot)
    {
        return slots.getByte(offset(slot) + IP_VERSION_OFFSET);
    }

    /** @return high 64 bits of the address of endpoint a ({@code end} 0) or b ({@code end} 1). */
    public long addressHigh(final int slot, final int end)
    {
        return slots.getLong(offset(slot) + (end == 0 ? A_HIGH_OFFSET : B_HIGH_OFFSET), ORDER);
    }

    public long addressLow(final int slot, final int end)
    {
        return slots.getLong(offset(slot) + (end == 0 ? A_LOW_OFFSET : B_LOW_OFFSET), ORDER);
    }

    public int port(final int slot, final int end)
    {
        return slots.getShort(offset(slot) + (end == 0 ? A_PORT_OFFSET : B_PORT_OFFSET), ORDER) & 0xFFFF;
    }

    private void keyOf(final TcpPacket packet)
    {
        final boolean sourceIsA = compareEndpoints(packet) <= 0;
        direction = sourceIsA ? A_TO_B : B_TO_A;
        ipVersion = packet.ipVersion();
        if (sourceIsA)
        {
            aHigh = packet.sourceHigh();
            aLow = packet.sourceLow();
            aPort = packet.sourcePort();
            bHigh = packet.destinationHigh();
            bLow = packet.destinationLow();
            bPort = packet.destinationPort();
        }
        else
        {
            aHigh = packet.destinationHigh();
            aLow = packet.destinationLow();
            aPort = packet.destinationPort();
            bHigh = packet.sourceHigh();
            bLow = packet.sourceLow();
            bPort = packet.sourcePort();
        }
        long h = mix(aHigh ^ ipVersion) + 31 * mix(aLow) + 961 * mix(bHigh) + 29791 * mix(bLow);
        h += ((long)aPort << 16 | bPort) * 0x9E37_79B9_7F4A_7C15L;
        hash = (int)(mix(h) >>> 32);
    }

    private static int compareEndpoints(final TcpPacket packet)
    {
        int c = Long.compareUnsigned(packet.sourceHigh(), packet.destinationHigh());
        if (c == 0)
        {
            c = Long.compareUnsigned(packet.sourceLow(), packet.destinationLow());
        }
        return c != 0 ? c : Integer.compare(packet.sourcePort(), packet.destinationPort());
    }

    /** A 64-bit finaliser (after SplitMix64): every input bit affects every output bit. */
    private static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private boolean matches(final int slot)
    {
        final int base = offset(slot);
        return slots.getLong(base + A_LOW_OFFSET, ORDER) == aLow &&
            slots.getLong(base + B_LOW_OFFSET, ORDER) == bLow &&
            (slots.getShort(base + A_PORT_OFFSET, ORDER) & 0xFFFF) == aPort &&
            (slots.getShort(base + B_PORT_OFFSET, ORDER) & 0xFFFF) == bPort &&
            slots.getLong(base + A_HIGH_OFFSET, ORDER) == aHigh &&
            slots.getLong(base + B_HIGH_OFFSET, ORDER) == bHigh &&
            slots.getByte(base + IP_VERSION_OFFSET) == ipVersion;
    }

    private void placeInIndex(final int slot, final int slotHash)
    {
        int i = slotHash & indexMask;
        while (index[i] != EMPTY)
        {
            i = (i + 1) & indexMask;
        }
        index[i] = (long)slotHash << Integer.SIZE | (slot + 1);
    }

    private int findIndexPosition(final int slot)
    {
        int i = hashes[slot] & indexMask;
        while ((index[i] & SLOT_MASK) != slot + 1)
        {
            i = (i + 1) & indexMask;
        }
        return i;
    }

    private void appendNewest(final int slot)
    {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest != NONE)
        {
            newer[newest] = slot;
        }
        else
        {
            oldest = slot;
        }
        newest = slot;
    }

    private void unlink(final int slot)
    {
        final int before = older[slot];
        final int after = newer[slot];
        if (before != NONE)
        {
            newer[before] = after;
        }
        else
        {
            oldest = after;
        }
        if (after != NONE)
        {
            older[after] = before;
        }
        else
        {
            newest = before;
        }
    }

    private void grow()
    {
        final int newCapacity = capacity * 2;
        final ByteBuffer grown = allocate(newCapacity);
        slots.getBytes(0, grown, 0, highWater * slotLength);
        // Off-heap memory goes back now, not whenever the collector finds the buffer unreachable.
        BufferUtil.free(memory);
        memory = grown;
        slots.wrap(memory);
        freeSlots = Arrays.copyOf(freeSlots, newCapacity);
        hashes = Arrays.copyOf(hashes, newCapacity);
        older = Arrays.copyOf(older, newCapacity);
        newer = Arrays.copyOf(newer, newCapacity);
        lastActivity = Arrays.copyOf(lastActivity, newCapacity);
        capacity = newCapacity;
        index = new long[BitUtil.findNextPositivePowerOfTwo(newCapacity * 2)];
        indexMask = index.length - 1;
        for (int slot = newest; slot != NONE; slot = older[slot])
        {
            placeInIndex(slot, hashes[slot]);
        }
    }

    /** Frees the slots' off-heap memory; the table is unusable afterwards. Closing twice is harmless. */
    @Override
    public void close()
    {
        if (memory != null)
        {
            slots.wrap(0, 0);
            BufferUtil.free(memory);
            memory = null;
        }
    }

    private ByteBuffer allocate(final int slotCount)
    {
        final long bytes = (long)slotCount * slotLength;
        if (bytes > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("flow table full: " + slotCount + " open connections");
        }
        return ByteBuffer.allocateDirect((int)bytes);
    }
}
