package org.mptcpstat.bench.generate;

import org.agrona.collections.IntHashSet;

/**
 * The MPTCP tokens an analyzer may still hold: those of connections whose last packet is less
 * than an idle timeout old (the analyzer finishes a connection that long after it went quiet).
 * A new connection's keys are drawn again while one of their tokens is among them, since two live
 * connections with one token would make joins ambiguous. Memory follows the tokens in the window,
 * not the capture.
 */
final class TokenRegistry
{
    private final long holdNanos;
    private final IntHashSet live = new IntHashSet();
    private int[] tokens = new int[1024];
    private long[] expiry = new long[1024];
    private int head;
    private int size;

    /** @param holdNanos how long after a connection's last packet its tokens stay taken. */
    TokenRegistry(final long holdNanos)
    {
        this.holdNanos = holdNanos;
    }

    /** @return whether a token is free at {@code now}, after forgetting the tokens that expired. */
    boolean isFree(final int token, final long now)
    {
        while (size > 0 && expiry[head] < now)
        {
            live.remove(tokens[head]);
            head = (head + 1) % tokens.length;
            size--;
        }
        return !live.contains(token);
    }

    /** Takes a token until {@code lastPacket} plus the hold time. */
    void take(final int token, final long lastPacket)
    {
        if (size == tokens.length)
        {
            grow();
        }
        final int tail = (head + size) % tokens.length;
        tokens[tail] = token;
        expiry[tail] = lastPacket + holdNanos;
        size++;
        live.add(token);
    }

    private void grow()
    {
        final int[] grownTokens = new int[tokens.length * 2];
        final long[] grownExpiry = new long[tokens.length * 2];
        for (int i = 0; i < size; i++)
        {
            grownTokens[i] = tokens[(head + i) % tokens.length];
            grownExpiry[i] = expiry[(head + i) % tokens.length];
        }
        tokens = grownTokens;
        expiry = grownExpiry;
        head = 0;
    }
}
