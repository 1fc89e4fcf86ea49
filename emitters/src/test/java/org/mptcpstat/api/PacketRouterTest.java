package org.mptcpstat.api;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.mptcpstat.flowtable.mptcp.MptcpKeys;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;
import org.mptcpstat.parser.testing.SegmentBuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Which worker {@link PacketRouter} sends packets to, packet by packet, on hand-made segments. */
class PacketRouterTest
{
    private static final int WORKERS = 3;
    private static final long IDLE_TIMEOUT_MILLIS = 300_000;
    private static final byte[] CLIENT = { 10, 0, 0, 1 };
    private static final byte[] SERVER = { 10, 0, 0, 2 };
    private static final int SERVER_PORT = 80;
    private static final int FIRST_PORT = 40000;
    private static final int MPTCP = 30;
    private static final int OPTION_LENGTH = 12;
    private static final int MP_JOIN_SUBTYPE = 0x10;
    /** MP_CAPABLE flags: checksum required, HMAC-SHA1 (v0) or HMAC-SHA256 (v1). */
    private static final int MP_CAPABLE_FLAGS = 0x81;

    private final PacketRouter router = new PacketRouter(WORKERS, IDLE_TIMEOUT_MILLIS * 1_000_000L);
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord record = new PacketRecord();
    private final TcpPacket packet = new TcpPacket();
    private long frame;

    @Test
    void shouldSendAJoinAndTheRestOfItsSubflowToTheWorkerOfItsToken()
    {
        final long key = 0x0123_4567_89AB_CDEFL;
        final int worker = router.route(client(FIRST_PORT, TcpHeader.SYN, 0, mpCapableSyn(key)));
        final int joinPort = portHashedAwayFrom(worker, FIRST_PORT + 1);

        assertEquals(worker, router.route(client(joinPort, TcpHeader.SYN, 10, mpJoinSyn(token(key)))));
        assertEquals(worker, router.route(server(joinPort, TcpHeader.SYN | TcpHeader.ACK, 20)));
        assertEquals(worker, router.route(client(joinPort, TcpHeader.ACK, 30)));
    }

    @Test
    void shouldMeetJoinsOfAnUnknownTokenInTheWorkerTheTokenHashesTo()
    {
        final int token = 0x7654_3210;
        final int worker = PacketRouter.workerOf(token, WORKERS);
        final int firstJoin = portHashedAwayFrom(worker, FIRST_PORT);

        assertEquals(worker, router.route(client(firstJoin, TcpHeader.SYN, 0, mpJoinSyn(token))));
        assertEquals(worker, router.route(client(portHashedAwayFrom(worker, firstJoin + 1), TcpHeader.SYN, 10,
            mpJoinSyn(token))));
    }

    @Test
    void shouldForgetATokenOnlyWhenNoLaterPacketUsedItThere()
    {
        final long key = keyWhoseTokenHashesAway();
        final int worker = router.route(client(FIRST_PORT, TcpHeader.SYN, 0, mpCapableSyn(key)));
        final long registered = router.sequence(worker);
        final int joinPort = portHashedAwayFrom(worker, FIRST_PORT + 1);

        router.forget(worker, token(key), registered);
        router.forget((worker + 1) % WORKERS, token(key), registered + 1);
        assertEquals(worker, router.route(client(joinPort, TcpHeader.SYN, 10, mpJoinSyn(token(key)))),
            "unknown only before the packet that made it known, or unknown to another worker: still there");

        final long joined = router.sequence(worker);
        router.forget(worker, token(key), joined);
        assertEquals(1, router.tokens(), "the join used it again after the worker stopped knowing it");

        router.forget(worker, token(key), joined + 1);
        assertEquals(0, router.tokens());
        final int hashed = PacketRouter.workerOf(token(key), WORKERS);
        assertEquals(hashed, router.route(client(portHashedAwayFrom(hashed, joinPort + 1), TcpHeader.SYN, 30,
            mpJoinSyn(token(key)))), "forgotten: the next join goes where the token hashes");
    }

    @Test
    void shouldUnpinASubflowIdleForTheIdleTimeout()
    {
        final long key = 0x0FED_CBA9_8765_4321L;
        final int worker = router.route(client(FIRST_PORT, TcpHeader.SYN, 0, mpCapableSyn(key)));
        final int joinPort = portHashedAwayFrom(worker, FIRST_PORT + 1);
        router.route(client(joinPort, TcpHeader.SYN, 10, mpJoinSyn(token(key))));
        final int hashed = hashedWorker(joinPort);

        router.route(client(FIRST_PORT, TcpHeader.ACK, 10 + IDLE_TIMEOUT_MILLIS));
        assertEquals(1, router.pinned());
        assertEquals(worker, router.route(client(joinPort, TcpHeader.ACK, 10 + IDLE_TIMEOUT_MILLIS)));

        // Idle for the timeout after that, by another connection's clock: the worker has ended it.
        router.route(client(FIRST_PORT, TcpHeader.ACK, 11 + 2 * IDLE_TIMEOUT_MILLIS));
        assertEquals(0, router.pinned());
        assertEquals(hashed, router.route(client(joinPort, TcpHeader.ACK, 12 + 2 * IDLE_TIMEOUT_MILLIS)));
    }

    @Test
    void shouldKeepEveryPinWhileThePinTableGrows()
    {
        final int token = 0x7654_3210;
        final int worker = PacketRouter.workerOf(token, WORKERS);
        final int[] ports = new int[1000];
        int port = FIRST_PORT;
        for (int i = 0; i < ports.length; i++)
        {
            ports[i] = portHashedAwayFrom(worker, port);
            port = ports[i] + 1;
            assertEquals(worker, router.route(client(ports[i], TcpHeader.SYN, i, mpJoinSyn(token))));
        }

        assertEquals(ports.length, router.pinned());
        for (int i = 0; i < ports.length; i++)
        {
            assertEquals(worker, router.route(client(ports[i], TcpHeader.ACK, ports.length + i)), "port " + ports[i]);
        }
    }

    /** @return the first port from {@code from} on whose packets do not hash to {@code worker}. */
    private int portHashedAwayFrom(final int worker, final int from)
    {
        int port = from;
        while (hashedWorker(port) == worker)
        {
            port++;
        }
        return port;
    }

    /** @return the worker a port's packets go to when nothing pins them. */
    private int hashedWorker(final int port)
    {
        return new PacketRouter(WORKERS, IDLE_TIMEOUT_MILLIS * 1_000_000L).route(client(port, TcpHeader.ACK, 0));
    }

    /** @return a key whose token hashes to another worker than the first subflow's. */
    private long keyWhoseTokenHashesAway()
    {
        final int worker = hashedWorker(FIRST_PORT);
        long key = 1;
        while (PacketRouter.workerOf(token(key), WORKERS) == worker)
        {
            key++;
        }
        return key;
    }

    private static int token(final long key)
    {
        return new MptcpKeys().hash(0, key).token();
    }

    /** v0 MP_CAPABLE of a SYN: the sender's key. */
    private static int[] mpCapableSyn(final long key)
    {
        final int[] option = { MPTCP, OPTION_LENGTH, 0, MP_CAPABLE_FLAGS, 0, 0, 0, 0, 0, 0, 0, 0 };
        for (int i = 0; i < Long.BYTES; i++)
        {
            option[4 + i] = (int)(key >>> (56 - 8 * i)) & 0xFF;
        }
        return option;
    }

    /** MP_JOIN of a SYN: address ID 1, the receiver's token, a random number. */
    private static int[] mpJoinSyn(final int token)
    {
        return new int[] { MPTCP, OPTION_LENGTH, MP_JOIN_SUBTYPE, 1,
            token >>> 24, (token >>> 16) & 0xFF, (token >>> 8) & 0xFF, token & 0xFF, 1, 2, 3, 4 };
    }

    private TcpPacket client(final int port, final int flags, final long millis, final int... options)
    {
        return segment(true, port, flags, millis, options);
    }

    private TcpPacket server(final int port, final int flags, final long millis, final int... options)
    {
        return segment(false, port, flags, millis, options);
    }

    private TcpPacket segment(final boolean fromClient, final int port, final int flags, final long millis,
        final int... options)
    {
        final byte[] ip = new SegmentBuilder()
            .addresses(fromClient ? CLIENT : SERVER, fromClient ? SERVER : CLIENT)
            .ports(fromClient ? port : SERVER_PORT, fromClient ? SERVER_PORT : port)
            .sequence(1000, 0).flags(flags).window(1000).options(options).payload(0).ip();
        record.set(new UnsafeBuffer(ip), 0, ip.length, ip.length, millis * 1_000_000L, LinkType.RAW, 0, ++frame);
        assertEquals(DecodeStatus.TCP, decoder.decode(record, packet));
        assertEquals(options.length == 0 ? 0 : 1, packet.mptcpOptionCount());
        return packet;
    }

    @Test
    void shouldSpreadHashesOverEveryWorker()
    {
        assertEquals(0, PacketRouter.workerOf(0, WORKERS));
        assertEquals(WORKERS - 1, PacketRouter.workerOf(-1, WORKERS));
        assertNotEquals(PacketRouter.workerOf(Integer.MIN_VALUE, WORKERS), PacketRouter.workerOf(0, WORKERS));
    }
}
