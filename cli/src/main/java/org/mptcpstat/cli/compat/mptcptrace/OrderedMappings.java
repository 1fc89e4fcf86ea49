package org.mptcpstat.cli.compat.mptcptrace;

/**
 * DSS mappings of one direction kept in order of their first data sequence number, at most one
 * per start, each with two numbers of the owner's choosing: mptcptrace's ordered mapping lists.
 * <p>
 * A ring of primitive arrays: mappings mostly arrive in increasing order, so inserting is an
 * append and the oldest leave from the head, without allocating. The arrays double as needed up
 * to {@code limit} mappings; the owner removes the head to make room beyond that.
 * Sequence numbers are compared by signed difference, so the 64-bit space may wrap.
 */
final class OrderedMappings
{
    private static final int INITIAL_CAPACITY = 16;

    private final int limit;
    private long[] starts = new long[INITIAL_CAPACITY];
    private long[] firsts = new long[INITIAL_CAPACITY];
    private long[] seconds = new long[INITIAL_CAPACITY];
    private int head;
    private int size;

    /** @param limit most mappings held; a power of two. */
    OrderedMappings(final int limit)
    {
        if (Integer.bitCount(limit) != 1 || limit < INITIAL_CAPACITY)
        {
            throw new IllegalArgumentException("limit must be a power of two of at least 16: " + limit);
        }
        this.limit = limit;
    }

    int size()
    {
        return size;
    }

    /** @return whether no room is left: the head must go before the next insert. */
    boolean full()
    {
        return size == limit;
    }

    void clear()
    {
        head = 0;
        size = 0;
    }

    /**
     * @return the index of the mapping that starts at {@code start}, or {@code -(insertion point) - 1}
     * when there is none (binary search).
     */
    int indexOf(final long start)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int middle = (low + high) >>> 1;
            final long difference = start(middle) - start;
            if (difference < 0)
            {
                low = middle + 1;
            }
            else if (difference > 0)
            {
                high = middle - 1;
            }
            else
            {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** Inserts a mapping at {@code index}, found by {@link #indexOf}; not when {@link #full()}. */
    void insert(final int index, final long start, final long first, final long second)
    {
        if (size == starts.length)
        {
            grow();
        }
        final int mask = starts.length - 1;
        for (int i = size; i > index; i--)
        {
            final int to = (head + i) & mask;
            final int from = (head + i - 1) & mask;
            starts[to] = starts[from];
            firsts[to] = firsts[from];
            seconds[to] = seconds[from];
        }
        final int at = (head + index) & mask;
        starts[at] = start;
        firsts[at] = first;
        seconds[at] = second;
        size++;
    }

    long start(final int index)
    {
        return starts[physical(index)];
    }

    long first(final int index)
    {
        return firsts[physical(index)];
    }

    long second(final int index)
    {
        return seconds[physical(index)];
    }

    void second(final int index, final long value)
    {
        seconds[physical(index)] = value;
    }

    /** Removes the mapping with the lowest start. */
    void removeFirst()
    {
        head = (head + 1) & (starts.length - 1);
        size--;
    }

    private int physical(final int index)
    {
        return (head + index) & (starts.length - 1);
    }

    private void grow()
    {
        final int capacity = starts.length * 2;
        starts = unwrapped(starts, capacity);
        firsts = unwrapped(firsts, capacity);
        seconds = unwrapped(seconds, capacity);
        head = 0;
    }

    /** @return the ring's values from the head on, in a new array of {@code capacity}. */
    private long[] unwrapped(final long[] values, final int capacity)
    {
        final long[] copy = new long[capacity];
        final int tail = values.length - head;
        System.arraycopy(values, head, copy, 0, tail);
        System.arraycopy(values, 0, copy, tail, head);
        return copy;
    }
}
