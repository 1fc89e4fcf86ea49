package org.mptcpstat.flowtable.mptcp;

import java.util.ArrayList;
import java.util.List;

/** Keeps copies of what the MPTCP tracker reports, for assertions. */
public final class RecordingMptcpListener implements MptcpListener
{
    /** A finished connection's numbers that tests look at. */
    public record Finished(long id, int version, FallbackReason fallback, MptcpEndReason endReason, int subflows,
        long[] uniqueDataBytes, long[] dataBytes, long[] reinjectedMappings, long[] reinjectedBytes, long hmacFailures,
        List<String> subflowFacts)
    {
    }

    public record Event(long id, int subflow, int direction, MptcpEventType type, int addressId, int flag, long value)
    {
    }

    /** A started connection: its id, whether an MP_CAPABLE started it, and whether it had been reported before. */
    public record Started(long id, boolean initial, boolean reportedBefore)
    {
    }

    public final List<Started> started = new ArrayList<>();
    public final List<Finished> finished = new ArrayList<>();
    public final List<Event> events = new ArrayList<>();
    public int reinjections;
    public int bursts;

    @Override
    public void onConnectionStarted(final MptcpConnection c)
    {
        final boolean reportedBefore = events.stream().anyMatch(e -> e.id() == c.id()) ||
            finished.stream().anyMatch(f -> f.id() == c.id());
        started.add(new Started(c.id(), c.subflow(0).initial(), reportedBefore));
    }

    @Override
    public void onConnectionFinished(final MptcpConnection c)
    {
        final List<String> facts = new ArrayList<>();
        for (int i = 0; i < c.subflowCount(); i++)
        {
            final Subflow s = c.subflow(i);
            facts.add((s.initial() ? "initial" : s.addressId() >= 0 ? "join" : "unknown") + " id=" + s.addressId() +
                " backup=" + s.backupAtJoin() +
                " established=" + s.established() + " failure=" + s.failure().label());
        }
        finished.add(new Finished(c.id(), c.version(), c.fallback(), c.endReason(), c.subflowCount(),
            new long[] { c.direction(0).uniqueDataBytes(), c.direction(1).uniqueDataBytes() },
            new long[] { c.direction(0).dataBytes(), c.direction(1).dataBytes() },
            new long[] { c.direction(0).reinjectedMappings(), c.direction(1).reinjectedMappings() },
            new long[] { c.direction(0).reinjectedBytes(), c.direction(1).reinjectedBytes() }, c.hmacFailures(), facts));
    }

    @Override
    public void onEvent(final MptcpConnection c, final int subflow, final int direction, final long timeNanos,
        final MptcpEventType type, final int addressId, final int ipVersion, final long addressHigh,
        final long addressLow, final int port, final int flag, final long value)
    {
        events.add(new Event(c.id(), subflow, direction, type, addressId, flag, value));
    }

    @Override
    public void onReinjection(final MptcpConnection c, final int direction, final long timeNanos, final long dsn,
        final long length, final int originalSubflow, final int newSubflow, final long delayNanos)
    {
        reinjections++;
    }

    @Override
    public void onBurst(final MptcpConnection c, final int direction, final int subflow, final long startNanos,
        final long durationNanos, final long bytes, final long packets)
    {
        bursts++;
    }
}
