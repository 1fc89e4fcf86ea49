package org.mptcpstat.flowtable.mptcp;

import com.carrotsearch.hppc.LongHashSet;
import org.mptcpstat.flowtable.RttDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * One MPTCP connection: identity (keys, tokens, version), its subflows, and both directions at
 * the data level. Pooled by {@link MptcpTracker} and reused after the connection is reported.
 */
public final class MptcpConnection
{
    long id;
    /** Index in the tracker's pool, for its token maps. */
    int slot;
    int version;
    long clientKey;
    boolean clientKeyKnown;
    long serverKey;
    boolean serverKeyKnown;
    int clientToken;
    int serverToken;
    boolean checksumRequired;
    long firstTime;
    long lastTime;
    FallbackReason fallback;
    boolean fastclose;
    boolean timedOut;
    int openSubflows;
    int maxOpenSubflows;
    long hmacFailures;
    /** The MP_JOIN token that named this connection when its keys were never seen, else 0. */
    int unknownToken;
    final DataLevel[] directions;
    /** Reinjected (subflow, mapping) pairs already counted: packets repeating one count once. */
    final LongHashSet reinjections = new LongHashSet();
    private final List<Subflow> subflows = new ArrayList<>();
    private int subflowCount;

    /** @param histograms where the data-level RTTs of long connections borrow their histograms. */
    public MptcpConnection(final RttDistribution.Pool histograms)
    {
        directions = new DataLevel[] { new DataLevel(histograms), new DataLevel(histograms) };
    }

    void reset(final long newId, final long time)
    {
        id = newId;
        version = -1;
        clientKeyKnown = false;
        serverKeyKnown = false;
        checksumRequired = false;
        firstTime = time;
        lastTime = time;
        fallback = FallbackReason.NONE;
        fastclose = false;
        timedOut = false;
        openSubflows = 0;
        maxOpenSubflows = 0;
        hmacFailures = 0;
        unknownToken = 0;
        reinjections.clear();
        directions[0].reset();
        directions[1].reset();
        subflowCount = 0;
    }

    /** Adds a subflow, reusing a pooled record. */
    Subflow addSubflow()
    {
        if (subflowCount == subflows.size())
        {
            subflows.add(new Subflow());
        }
        final Subflow subflow = subflows.get(subflowCount++);
        subflow.reset();
        openSubflows++;
        maxOpenSubflows = Math.max(maxOpenSubflows, openSubflows);
        return subflow;
    }

    /** @return the conn_id of the subflow that made the connection known (its first). */
    public long id()
    {
        return id;
    }

    /** @return MPTCP version 0 or 1, or -1 when no MP_CAPABLE was seen. */
    public int version()
    {
        return version;
    }

    public boolean clientKeyKnown()
    {
        return clientKeyKnown;
    }

    public long clientKey()
    {
        return clientKey;
    }

    public boolean serverKeyKnown()
    {
        return serverKeyKnown;
    }

    public long serverKey()
    {
        return serverKey;
    }

    /** @return the token of the client's key (valid when the key is known). */
    public int clientToken()
    {
        return clientToken;
    }

    /** @return the token of the server's key: what the client's MP_JOINs name. */
    public int serverToken()
    {
        return serverToken;
    }

    /** @return the MP_JOIN token that named this connection when its keys were never seen, else 0. */
    public int unknownToken()
    {
        return unknownToken;
    }

    public boolean checksumRequired()
    {
        return checksumRequired;
    }

    public long firstTime()
    {
        return firstTime;
    }

    public long lastTime()
    {
        return lastTime;
    }

    public FallbackReason fallback()
    {
        return fallback;
    }

    public long hmacFailures()
    {
        return hmacFailures;
    }

    public int maxOpenSubflows()
    {
        return maxOpenSubflows;
    }

    public int subflowCount()
    {
        return subflowCount;
    }

    public Subflow subflow(final int number)
    {
        return subflows.get(number);
    }

    /** @return direction 0 (client to server) or 1 (server to client) at the data level. */
    public DataLevel direction(final int direction)
    {
        return directions[direction];
    }

    /**
     * @return how it ended: fastclose, data_fin (both ways), rst (every subflow reset), timeout,
     * end_of_capture.
     */
    public MptcpEndReason endReason()
    {
        if (fastclose)
        {
            return MptcpEndReason.FASTCLOSE;
        }
        if (directions[0].dataFin && directions[1].dataFin)
        {
            return MptcpEndReason.DATA_FIN;
        }
        boolean allReset = subflowCount > 0;
        for (int i = 0; i < subflowCount; i++)
        {
            allReset &= subflows.get(i).endedByRst;
        }
        if (allReset)
        {
            return MptcpEndReason.RST;
        }
        return timedOut ? MptcpEndReason.TIMEOUT : MptcpEndReason.END_OF_CAPTURE;
    }
}
