package org.mptcpstat.bench.generate;

/**
 * What the application sends, the same for TCP and MPTCP: request/response rounds (sizes uniform
 * up to twice the means), or one request and a bulk response; nothing when rounds are 0 (the
 * shortest connections: a handshake and a close).
 */
final class Exchanges
{
    private static final long THINK_MIN_NANOS = 1_000_000;
    private static final long THINK_MAX_NANOS = 50_000_000;
    private static final long SERVER_PROCESSING_NANOS = 100_000;

    private final GeneratorSettings settings;

    Exchanges(final GeneratorSettings settings)
    {
        this.settings = settings;
    }

    /** @return the capture time of the last ACK. */
    long run(final DataSender sender, final SeededRandom random, final long start)
    {
        if (settings.rounds() == 0)
        {
            return start;
        }
        if (random.chance(settings.bulkShare()))
        {
            final long requested = sender.send(PacketScript.C2S, random.between(1, 2L * settings.requestBytes()), start);
            return sender.send(PacketScript.S2C, settings.bulkBytes(), requested + SERVER_PROCESSING_NANOS);
        }
        long time = start;
        final long rounds = random.between(1, settings.rounds());
        for (long round = 0; round < rounds; round++)
        {
            if (round > 0)
            {
                time += micros(random.between(THINK_MIN_NANOS, THINK_MAX_NANOS));
            }
            time = sender.send(PacketScript.C2S, random.between(1, 2L * settings.requestBytes()), time);
            time = sender.send(PacketScript.S2C, random.between(1, 2L * settings.responseBytes()),
                time + SERVER_PROCESSING_NANOS);
        }
        return time;
    }

    /** Whole microseconds: pcap keeps no finer time, and the RTO margins are kept exact. */
    static long micros(final long nanos)
    {
        return nanos / 1000 * 1000;
    }
}
