package org.mptcpstat.flowtable.mptcp;

import com.carrotsearch.hppc.LongIntHashMap;
import org.mptcpstat.flowtable.RttDistribution;

/**
 * One direction of an MPTCP connection at the data level: its data sequence space (64-bit DSNs),
 * the highest DATA_ACK the other side sent for it, and what the mappings carried.
 * Direction 0 is client to server, 1 server to client.
 */
public final class DataLevel
{
    long idsn;
    boolean idsnKnown;
    /** One past the highest data sequence number mapped so far. */
    long dsnEnd;
    boolean dsnKnown;
    long highestDataAck;
    boolean dataAckKnown;
    long dataBytes;
    long mappings;
    long reinjectedBytes;
    long reinjectedMappings;
    long distinctReinjectedBytes;
    long sameSubflowRetransmissions;
    long subflowSwitches;
    long initialSubflowBytes;
    final long[] interfaceBytes = new long[InterfaceClass.values().length];
    boolean dataFin;
    long dssChecksums;
    int spaceHead;
    int spaceTail;
    long rttSamples;
    long rttSumMicros;
    long rttSumSquares;
    long rttMinMicros;
    long rttMaxMicros;
    private final RttDistribution rttDistribution;
    /** DATA_ACKs that advanced the acknowledgment, by data bytes newly acknowledged. */
    final LongIntHashMap dataAckSizes = new LongIntHashMap();
    /** The subflow that carried the last new mapping, -1 before any. */
    int lastSubflow;
    long burstStart;
    long burstLast;
    long burstBytes;
    long burstPackets;

    DataLevel(final RttDistribution.Pool histograms)
    {
        rttDistribution = new RttDistribution(histograms);
    }

    void reset()
    {
        idsn = 0;
        idsnKnown = false;
        dsnEnd = 0;
        dsnKnown = false;
        highestDataAck = 0;
        dataAckKnown = false;
        dataBytes = 0;
        mappings = 0;
        reinjectedBytes = 0;
        reinjectedMappings = 0;
        distinctReinjectedBytes = 0;
        sameSubflowRetransmissions = 0;
        subflowSwitches = 0;
        initialSubflowBytes = 0;
        java.util.Arrays.fill(interfaceBytes, 0);
        dataFin = false;
        dssChecksums = 0;
        spaceHead = 0;
        spaceTail = 0;
        rttSamples = 0;
        rttSumMicros = 0;
        rttSumSquares = 0;
        rttMinMicros = Long.MAX_VALUE;
        rttMaxMicros = Long.MIN_VALUE;
        rttDistribution.reset();
        dataAckSizes.clear();
        lastSubflow = -1;
        burstBytes = 0;
        burstPackets = 0;
    }

    void recordRtt(final long micros)
    {
        rttSamples++;
        rttSumMicros += micros;
        rttSumSquares += micros * micros;
        rttMinMicros = Math.min(rttMinMicros, micros);
        rttMaxMicros = Math.max(rttMaxMicros, micros);
        rttDistribution.record(micros);
    }

    /**
     * @return the initial data sequence number: from the key, else one before the first mapping's
     * DSN (a capture that missed the handshake); valid when {@link #idsnKnown()}.
     */
    public long idsn()
    {
        return idsn;
    }

    public boolean idsnKnown()
    {
        return idsnKnown;
    }

    /**
     * @return data bytes acknowledged: highest DATA_ACK − IDSN − 1 (the DSN of the first byte is
     * IDSN + 1), valid when {@link #uniqueDataBytesKnown()}.
     */
    public long uniqueDataBytes()
    {
        return highestDataAck - idsn - 1;
    }

    /** @return whether a DATA_ACK and the IDSN (from the key, or the first mapping) are known. */
    public boolean uniqueDataBytesKnown()
    {
        return dataAckKnown && idsnKnown;
    }

    /** @return bytes of all mappings sent, reinjections included, each mapping counted once. */
    public long dataBytes()
    {
        return dataBytes;
    }

    public long mappings()
    {
        return mappings;
    }

    public long reinjectedBytes()
    {
        return reinjectedBytes;
    }

    /** @return data bytes sent on more than one subflow, each counted once (the union of reinjected ranges). */
    public long distinctReinjectedBytes()
    {
        return distinctReinjectedBytes;
    }

    public long reinjectedMappings()
    {
        return reinjectedMappings;
    }

    public long sameSubflowRetransmissions()
    {
        return sameSubflowRetransmissions;
    }

    public long subflowSwitches()
    {
        return subflowSwitches;
    }

    public long initialSubflowBytes()
    {
        return initialSubflowBytes;
    }

    public long interfaceBytes(final InterfaceClass interfaceClass)
    {
        return interfaceBytes[interfaceClass.ordinal()];
    }

    public boolean dataFin()
    {
        return dataFin;
    }

    public long dssChecksums()
    {
        return dssChecksums;
    }

    public long rttSamples()
    {
        return rttSamples;
    }

    public long rttSumMicros()
    {
        return rttSumMicros;
    }

    public long rttSumSquares()
    {
        return rttSumSquares;
    }

    /** @return smallest data-level RTT, µs, or -1 without samples. */
    public long rttMinMicros()
    {
        return rttSamples == 0 ? -1 : rttMinMicros;
    }

    public long rttMaxMicros()
    {
        return rttSamples == 0 ? -1 : rttMaxMicros;
    }

    /** @return DATA_ACK counts by newly acknowledged data bytes (the other side's DATA_ACKs). */
    public LongIntHashMap dataAckSizes()
    {
        return dataAckSizes;
    }

    /** @return an RTT percentile in µs, or -1 without samples. */
    public long rttPercentileMicros(final double percentile)
    {
        return rttDistribution.percentile(percentile);
    }
}
