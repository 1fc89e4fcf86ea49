package org.mptcpstat.flowtable;

import org.junit.jupiter.api.Test;
import org.mptcpstat.flowtable.mptcp.FallbackReason;
import org.mptcpstat.flowtable.mptcp.MptcpEndReason;
import org.mptcpstat.flowtable.mptcp.MptcpEventType;
import org.mptcpstat.flowtable.mptcp.RecordingMptcpListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mptcpstat.flowtable.MptcpOptionBytes.concat;
import static org.mptcpstat.flowtable.MptcpOptionBytes.dss;
import static org.mptcpstat.flowtable.MptcpOptionBytes.joinAck;
import static org.mptcpstat.flowtable.MptcpOptionBytes.joinSyn;
import static org.mptcpstat.flowtable.MptcpOptionBytes.joinSynAck;
import static org.mptcpstat.flowtable.MptcpOptionBytes.mpCapable;
import static org.mptcpstat.flowtable.MptcpOptionBytes.mpCapableWithData;
import static org.mptcpstat.flowtable.MptcpOptionBytes.mpPrio;
import static org.mptcpstat.flowtable.MptcpOptionBytes.removeAddr;
import static org.mptcpstat.flowtable.TrackerHarness.ACK;
import static org.mptcpstat.flowtable.TrackerHarness.RST;
import static org.mptcpstat.flowtable.TrackerHarness.SYN;

/** MPTCP v1 connections made of hand-made packets: client 10.0.0.1, server 10.0.0.2:80. */
class MptcpTrackerTest
{
    private static final long CLIENT_KEY = 0x1122_3344_5566_7788L;
    private static final long SERVER_KEY = 0x0102_0304_0506_0708L;
    private static final long CLIENT_IDSN = sha256(CLIENT_KEY).getLong(24);
    private static final long SERVER_IDSN = sha256(SERVER_KEY).getLong(24);
    private static final int SERVER_TOKEN = sha256(SERVER_KEY).getInt(0);
    /** DSS flags: DATA_ACK (8 bytes) only; mapping (8-byte DSN) only; both. */
    private static final int ACK8 = 0x03;
    private static final int MAP8 = 0x0C;

    private final TrackerHarness trace = new TrackerHarness();

    /** The key's SHA-256, computed here with the JDK directly (RFC 8684 3.1: token first 4, IDSN last 8 bytes). */
    private static ByteBuffer sha256(final long key)
    {
        try
        {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(key).array()));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** RFC 8684 3.2: HMAC-SHA256 keyed by both keys over both random numbers, sender's first. */
    private static byte[] hmacSha256(final long senderKey, final long receiverKey, final int senderRandom,
        final int receiverRandom)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ByteBuffer.allocate(16).putLong(senderKey).putLong(receiverKey).array(),
                "HmacSHA256"));
            return mac.doFinal(ByteBuffer.allocate(8).putInt(senderRandom).putInt(receiverRandom).array());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The v1 handshake on port 40000: SYN (MP_CAPABLE, no key), SYN/ACK (server key), ACK (both keys). */
    private TrackerHarness handshake() throws IOException
    {
        return trace.send(true, 0, SYN, 1000, 0, 0, 1000, mpCapable(1, 0x01))
            .send(false, 10, SYN | ACK, 5000, 1001, 0, 1000, mpCapable(1, 0x01, SERVER_KEY))
            .send(true, 20, ACK, 1001, 5001, 0, 1000, mpCapable(1, 0x01, CLIENT_KEY, SERVER_KEY));
    }

    private RecordingMptcpListener.Finished only()
    {
        assertEquals(1, trace.mptcp.finished.size());
        return trace.mptcp.finished.get(0);
    }

    @Test
    void shouldCountUniqueDataBytesFromTheDataAckAndTheKeysIdsn() throws IOException
    {
        handshake()
            .send(true, 30, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 100))
            .send(false, 40, ACK, 5001, 1101, 0, 1000, dss(ACK8, CLIENT_IDSN + 101, 0, 0, 0))
            .end();

        final RecordingMptcpListener.Finished c = only();
        assertEquals(1, c.version());
        assertEquals(FallbackReason.NONE, c.fallback());
        assertEquals(100, c.uniqueDataBytes()[0]);
        assertEquals(100, c.dataBytes()[0]);
        assertEquals(List.of("initial id=0 backup=false established=true failure=none"), c.subflowFacts());
    }

    @Test
    void shouldStartEachConnectionOnceBeforeReportingAnythingOfIt() throws IOException
    {
        handshake()
            .send(true, 30, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 100));
        trace.clientPort(40001)
            .send(true, 40, SYN, 7000, 0, 0, 1000, joinSyn(false, 2, SERVER_TOKEN, 1));
        trace.clientPort(40002)
            .send(true, 50, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, 1, 1, 100))
            .end();

        // Ids are the frame numbers of the connections' first packets: the SYN (1), the lone DSS (6).
        assertEquals(List.of(new RecordingMptcpListener.Started(1, true, false),
            new RecordingMptcpListener.Started(6, false, false)), trace.mptcp.started,
            "the join joins the first connection; the DSS without handshake starts another, not initial");
    }

    @Test
    void shouldCountMappingOnceWhenRepeatedOnGsoSegments() throws IOException
    {
        handshake()
            .send(true, 30, ACK, 1001, 5001, 1400, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 2800))
            .send(true, 30, ACK, 2401, 5001, 1400, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 2800))
            .end();

        assertEquals(2800, only().dataBytes()[0]);
        assertArrayEquals(new long[] { 0, 0 }, only().reinjectedMappings());
    }

    @Test
    void shouldCountAMappingFirstSeenOnASegmentThatCameOutOfOrder() throws IOException
    {
        handshake()
            .send(true, 30, ACK, 1101, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 101, 101, 100))
            .send(true, 31, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 100))
            .send(false, 40, ACK, 5001, 1201, 0, 1000, dss(ACK8, CLIENT_IDSN + 201, 0, 0, 0))
            .end();

        assertEquals(200, only().dataBytes()[0]);
        assertArrayEquals(new long[] { 0, 0 }, only().reinjectedMappings());
    }

    @Test
    void shouldCountAMappingOnceWhenItsLostSegmentIsResentAfterLaterMappings() throws IOException
    {
        // Captured past the loss: the mapping's second segment never shows until it is resent, after
        // the next mapping; the resent segment fills a hole but brings a mapping seen already.
        handshake()
            .send(true, 30, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 200))
            .send(true, 31, ACK, 1201, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 201, 201, 100))
            .send(true, 32, ACK, 1101, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 200))
            .send(false, 40, ACK, 5001, 1301, 0, 1000, dss(ACK8, CLIENT_IDSN + 301, 0, 0, 0))
            .end();

        assertEquals(300, only().dataBytes()[0]);
        assertEquals(300, only().uniqueDataBytes()[0]);
    }

    @Test
    void shouldEndByDataFinWhenBareDataFinsFollowTheData() throws IOException
    {
        // Linux sends a DATA_FIN without data as subflow sequence number 0, length 1, after its data.
        handshake()
            .send(true, 30, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 100))
            .send(false, 40, ACK, 5001, 1101, 100, 1000, dss(ACK8 | MAP8, CLIENT_IDSN + 101, SERVER_IDSN + 1, 1, 100))
            .send(true, 50, ACK, 1101, 5101, 0, 1000, dss(ACK8 | MAP8 | 0x10, SERVER_IDSN + 101, CLIENT_IDSN + 101, 0, 1))
            .send(false, 60, ACK, 5101, 1101, 0, 1000, dss(ACK8 | MAP8 | 0x10, CLIENT_IDSN + 102, SERVER_IDSN + 101, 0, 1))
            .send(true, 70, ACK, 1101, 5101, 0, 1000, dss(ACK8, SERVER_IDSN + 102, 0, 0, 0))
            .end();

        assertEquals(MptcpEndReason.DATA_FIN, only().endReason());
        assertArrayEquals(new long[] { 100, 100 }, only().dataBytes());
        assertArrayEquals(new long[] { 101, 101 }, only().uniqueDataBytes(), "each acknowledged DATA_FIN adds one");
        assertEquals(List.of(CLIENT_IDSN + 101, SERVER_IDSN + 101), trace.mptcp.events.stream()
            .filter(e -> e.type() == MptcpEventType.DATA_FIN).map(RecordingMptcpListener.Event::value).toList());
    }

    @Test
    void shouldTreatDataOnTheThirdAckAsAnImplicitMapping() throws IOException
    {
        trace.send(true, 0, SYN, 1000, 0, 0, 1000, mpCapable(1, 0x01))
            .send(false, 10, SYN | ACK, 5000, 1001, 0, 1000, mpCapable(1, 0x01, SERVER_KEY))
            .send(true, 20, ACK, 1001, 5001, 50, 1000, mpCapableWithData(CLIENT_KEY, SERVER_KEY, 50))
            .send(false, 30, ACK, 5001, 1051, 0, 1000, dss(ACK8, CLIENT_IDSN + 51, 0, 0, 0))
            .end();

        assertEquals(50, only().dataBytes()[0]);
        assertEquals(50, only().uniqueDataBytes()[0]);
    }

    @Test
    void shouldExpandAFourByteDsnAcrossA32BitWrap() throws IOException
    {
        // No handshake in the capture: the first (8-byte) mapping anchors the data sequence space.
        final long first = 0x1_FFFF_FF00L;
        trace.send(true, 0, ACK, 1001, 5001, 0x100, 1000, dss(MAP8, 0, first, 1, 0x100))
            .send(true, 10, ACK, 1257, 5001, 100, 1000, dss(0x04, 0, 0x0000_0000L, 257, 100))
            .end();
        // The 4-byte DSN 0 follows 0x1_FFFF_FF00 + 0x100 = 0x2_0000_0000: new data, not old.
        final RecordingMptcpListener.Finished c = only();
        assertEquals(List.of("unknown id=-1 backup=false established=false failure=none"), c.subflowFacts(),
            "a subflow whose handshake was not captured is still reported, of an unknown connection");
        assertEquals(0x100 + 100, c.dataBytes()[0]);
        assertArrayEquals(new long[] { 0, 0 }, c.reinjectedBytes());
    }

    @Test
    void shouldExpandAFourByteDataAckNextToTheHighestMappedData() throws IOException
    {
        final long first = 0x1_FFFF_FF00L;
        trace.send(true, 0, ACK, 1001, 5001, 0x100, 1000, dss(MAP8, 0, first, 1, 0x100))
            .send(true, 10, ACK, 1257, 5001, 100, 1000, dss(0x04, 0, 0x0000_0000L, 257, 100))
            .send(false, 20, ACK, 5001, 1357, 0, 1000, dss(0x01, 100, 0, 0, 0))
            .end();
        // DATA_ACK 100 (4 bytes) is 0x2_0000_0064: everything mapped is acknowledged.
        assertEquals(0x100 + 100, only().uniqueDataBytes()[0]);
    }

    @Test
    void shouldLinkAJoinByTokenAndCountDataResentThereAsReinjection() throws IOException
    {
        final int clientRandom = 0x0A0B0C0D;
        final int serverRandom = 0x01020304;
        final byte[] serverHmac = hmacSha256(SERVER_KEY, CLIENT_KEY, serverRandom, clientRandom);
        final byte[] clientHmac = hmacSha256(CLIENT_KEY, SERVER_KEY, clientRandom, serverRandom);
        handshake()
            .send(true, 30, ACK, 1001, 5001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 100));
        trace.clientPort(40001)
            .send(true, 40, SYN, 7000, 0, 0, 1000, joinSyn(true, 2, SERVER_TOKEN, clientRandom))
            .send(false, 50, SYN | ACK, 9000, 7001, 0, 1000,
                joinSynAck(true, 0, ByteBuffer.wrap(serverHmac).getLong(0), serverRandom))
            .send(true, 60, ACK, 7001, 9001, 0, 1000, joinAck(clientHmac))
            .send(false, 70, ACK, 9001, 7001, 0, 1000)
            .send(true, 80, ACK, 7001, 9001, 100, 1000, dss(MAP8, 0, CLIENT_IDSN + 1, 1, 100))
            .send(false, 90, ACK, 9001, 7101, 0, 1000, dss(ACK8, CLIENT_IDSN + 101, 0, 0, 0))
            .end();

        final RecordingMptcpListener.Finished c = only();
        assertEquals(2, c.subflows());
        assertEquals(0, c.hmacFailures());
        assertEquals(List.of("initial id=0 backup=false established=true failure=none",
            "join id=2 backup=true established=true failure=none"), c.subflowFacts());
        assertArrayEquals(new long[] { 1, 0 }, c.reinjectedMappings());
        assertArrayEquals(new long[] { 100, 0 }, c.reinjectedBytes());
        assertEquals(100, c.uniqueDataBytes()[0]);
        assertEquals(1, trace.mptcp.reinjections);
    }

    @Test
    void shouldCountAJoinWhoseHmacDoesNotVerify() throws IOException
    {
        handshake();
        trace.clientPort(40001)
            .send(true, 40, SYN, 7000, 0, 0, 1000, joinSyn(false, 1, SERVER_TOKEN, 1))
            .send(false, 50, SYN | ACK, 9000, 7001, 0, 1000, joinSynAck(false, 0, 0xBAD, 2))
            .end();

        assertEquals(1, only().hmacFailures());
    }

    @Test
    void shouldReportAJoinResetAfterItsThirdAckAsNotEstablished() throws IOException
    {
        handshake();
        trace.clientPort(40001)
            .send(true, 40, SYN, 7000, 0, 0, 1000, joinSyn(false, 1, SERVER_TOKEN, 1))
            .send(false, 50, SYN | ACK, 9000, 7001, 0, 1000, joinSynAck(false, 0, 0, 2))
            .send(true, 60, ACK, 7001, 9001, 0, 1000, joinAck(new byte[20]))
            .send(false, 70, RST, 9001, 0, 0, 0)
            .end();

        assertEquals("join id=1 backup=false established=false failure=rst", only().subflowFacts().get(1));
    }

    @Test
    void shouldGiveAJoinWithAnUnknownTokenItsOwnConnection() throws IOException
    {
        trace.send(true, 0, SYN, 7000, 0, 0, 1000, joinSyn(false, 1, 0x12345678, 1)).end();

        assertEquals(List.of("join id=1 backup=false established=false failure=unknown_token"), only().subflowFacts());
    }

    @Test
    void shouldFallBackWhenTheSynAckLacksMpCapable() throws IOException
    {
        trace.send(true, 0, SYN, 1000, 0, 0, 1000, mpCapable(1, 0x01))
            .server(10, SYN | ACK, 5000, 1001, 0)
            .client(20, ACK, 1001, 5001, 0)
            .end();

        assertEquals(FallbackReason.SYN_ACK_WITHOUT_MP_CAPABLE, only().fallback());
    }

    @Test
    void shouldReportSignalsAsEvents() throws IOException
    {
        handshake()
            .send(true, 30, ACK, 1001, 5001, 0, 1000, concat(removeAddr(3, 4), mpPrio(true)))
            .send(true, 40, ACK, 1001, 5001, 0, 1000, dss(0x1C, 0, CLIENT_IDSN + 1, 0, 1))
            .end();

        assertEquals(List.of(MptcpEventType.REMOVE_ADDR, MptcpEventType.REMOVE_ADDR, MptcpEventType.MP_PRIO,
            MptcpEventType.DATA_FIN), trace.mptcp.events.stream().map(RecordingMptcpListener.Event::type).toList());
        assertEquals(4, trace.mptcp.events.get(1).addressId());
        assertEquals(1, trace.mptcp.events.get(2).flag());
        assertEquals(CLIENT_IDSN + 1, trace.mptcp.events.get(3).value(), "the DATA_FIN's own data sequence number");
    }
}
