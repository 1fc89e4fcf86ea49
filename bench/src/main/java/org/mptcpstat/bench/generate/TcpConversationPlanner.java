package org.mptcpstat.bench.generate;

/**
 * Plans a plain TCP conversation: handshake, request/response rounds or a bulk transfer, then a
 * close by either side or a reset by the client. Its 4-tuple is new, or, as often as the settings
 * say, that of the lane's previous plain TCP conversation (port reuse: the analyzer must start a
 * new connection at the SYN).
 */
final class TcpConversationPlanner
{
    private static final int MSS = 1460;
    /** Servers of plain TCP conversations: 198.51.100.1 to .254 (TEST-NET-2). */
    private static final int SERVER_PREFIX = 0xC633_6400;
    private static final int[] SERVER_PORTS = { 80, 443, 8080 };
    private static final long CLOSE_DELAY_NANOS = 1_000_000;

    private final GeneratorSettings settings;
    private final SubflowTraffic traffic;
    private final Exchanges exchanges;
    private final DataSender sender;

    TcpConversationPlanner(final GeneratorSettings settings)
    {
        this.settings = settings;
        this.traffic = new SubflowTraffic(settings);
        this.exchanges = new Exchanges(settings);
        this.sender = (direction, bytes, start) -> traffic.transfer(0, direction, bytes, start, -1);
    }

    /** Fills the lane's conversation from {@code start}. */
    void plan(final Lane lane, final SeededRandom random, final long start)
    {
        final Conversation c = lane.conversation;
        c.mss = MSS;
        traffic.wrap(c, random);
        if (lane.reusable() && random.chance(settings.portReuseShare()))
        {
            c.addSubflow(lane.reuseInterface(), lane.address(lane.reuseInterface()), lane.reuseClientPort(),
                lane.reuseServerAddress(), lane.reuseServerPort());
        }
        else
        {
            final int interfaceClass = random.chance(settings.cellularShare()) ? Conversation.CELLULAR : Conversation.WIFI;
            c.addSubflow(interfaceClass, lane.address(interfaceClass), lane.takePort(),
                SERVER_PREFIX + (int)random.between(1, 254), SERVER_PORTS[(int)random.between(0, SERVER_PORTS.length - 1)]);
        }
        traffic.openPath(0);
        final long established = traffic.handshake(0, start, PacketScript.NO_OPTION, PacketScript.NO_OPTION,
            PacketScript.NO_OPTION);
        final long done = exchanges.run(sender, random, established + 1000 * random.between(0, 1_000));
        if (random.chance(settings.resetShare()))
        {
            traffic.reset(0, PacketScript.C2S, done + CLOSE_DELAY_NANOS);
        }
        else
        {
            traffic.close(0, random.chance(0.5) ? PacketScript.C2S : PacketScript.S2C, done + CLOSE_DELAY_NANOS);
        }
        lane.offerForReuse(c);
    }
}
