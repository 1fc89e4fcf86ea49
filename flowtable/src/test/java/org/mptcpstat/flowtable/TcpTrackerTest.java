package org.mptcpstat.flowtable;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpstat.flowtable.TcpDirectionField.*;
import static org.mptcpstat.flowtable.TrackerHarness.ACK;
import static org.mptcpstat.flowtable.TrackerHarness.FIN;
import static org.mptcpstat.flowtable.TrackerHarness.RST;
import static org.mptcpstat.flowtable.TrackerHarness.SYN;

class TcpTrackerTest
{
    private final TrackerHarness trace = new TrackerHarness();

    @Test
    void shouldCountACleanTransferFromHandshakeToLastAck() throws IOException
    {
        trace.handshake()
            .client(30, ACK, 1001, 5001, 100)
            .server(40, ACK, 5001, 1101, 0)
            .client(50, FIN | ACK, 1101, 5001, 0)
            .server(60, FIN | ACK, 5001, 1102, 0)
            .client(70, ACK, 1102, 5002, 0)
            .end();

        assertEquals(1, trace.finished.size());
        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(EndReason.FIN, c.endReason());
        assertTrue(c.handshake());
        assertEquals(5, c.client(PACKETS));
        assertEquals(3, c.server(PACKETS));
        assertEquals(100, c.client(PAYLOAD_BYTES));
        assertEquals(100, c.client(UNIQUE_BYTES));
        assertEquals(1, c.client(DATA_PACKETS));
        assertEquals(0, c.client(RETRANS_PACKETS));
        // SYN, data and FIN each acknowledged exactly by one ACK, 10 ms later.
        assertEquals(3, c.client(RTT_SAMPLES));
        assertEquals(10_000, c.client(RTT_MIN_US));
        assertEquals(10_000, c.client(RTT_MAX_US));
        assertEquals(2, c.server(RTT_SAMPLES));
        assertEquals(10_000, c.client(HANDSHAKE_RTT_US));
        assertEquals(2, c.client(PURE_ACKS));
        assertEquals(0, c.client(MISSED_BYTES));
    }

    @Test
    void shouldCountOnlyTheOverlappingBytesOfAPartialRetransmission() throws IOException
    {
        trace.handshake()
            .client(30, ACK, 1001, 5001, 100)
            .client(31, ACK, 1101, 5001, 100)
            .client(32, ACK, 1201, 5001, 100)
            .client(33, ACK, 1151, 5001, 100)   // 100 bytes seen before
            .client(34, ACK, 1301, 5001, 100)
            .client(35, ACK, 1350, 5001, 100)   // 51 seen before, 49 new
            .end();

        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(600, c.client(PAYLOAD_BYTES));
        assertEquals(449, c.client(UNIQUE_BYTES));
        assertEquals(2, c.client(RETRANS_PACKETS));
        assertEquals(151, c.client(RETRANS_BYTES));
        assertEquals(List.of(100L, 51L), trace.retransmissions.stream().map(TrackerHarness.Retransmission::bytes).toList());
    }

    @Test
    void shouldCountSegmentFillingAHoleAsOutOfOrderNotRetransmitted() throws IOException
    {
        trace.handshake()
            .client(30, ACK, 1101, 5001, 100)
            .client(31, ACK, 1001, 5001, 100)
            .end();

        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(1, c.client(OUT_OF_ORDER_PACKETS));
        assertEquals(0, c.client(RETRANS_PACKETS));
        assertEquals(200, c.client(UNIQUE_BYTES));
    }

    @Test
    void shouldTakeNoRttSampleFromARetransmittedSegment() throws IOException
    {
        trace.handshake()
            .client(30, ACK, 1001, 5001, 100)
            .client(300, ACK, 1001, 5001, 100)
            .server(310, ACK, 5001, 1101, 0)
            .end();

        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(1, c.client(RTT_SAMPLES), "only the SYN's sample: Karn's rule drops the resent segment's");
        assertEquals(1, c.client(RETRANS_PACKETS));
        assertEquals(RetransmissionClass.RTO, trace.retransmissions.get(0).kind());
    }

    @Test
    void shouldClassifyRetransmissionAfterThreeDuplicateAcksAsFastRetransmit() throws IOException
    {
        trace.handshake()
            .client(30, ACK, 1001, 5001, 100)
            .client(31, ACK, 1101, 5001, 100)
            .client(32, ACK, 1201, 5001, 100)
            .server(40, ACK, 5001, 1101, 0)
            .server(41, ACK, 5001, 1101, 0)
            .server(42, ACK, 5001, 1101, 0)
            .server(43, ACK, 5001, 1101, 0)
            .client(44, ACK, 1101, 5001, 100)
            .end();

        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(3, c.server(DUP_ACKS));
        assertEquals(RetransmissionClass.FAST_RETRANSMIT, trace.retransmissions.get(0).kind());
        assertEquals(1, c.client(RETRANS_FAST_RETRANSMIT));
    }

    @Test
    void shouldStartANewConnectionWhenASynFollowsAFinishedOneOnTheSamePorts() throws IOException
    {
        trace.handshake()
            .client(50, FIN | ACK, 1001, 5001, 0)
            .server(60, FIN | ACK, 5001, 1002, 0)
            .client(70, ACK, 1002, 5002, 0)
            .client(1000, SYN, 9000, 0, 0)
            .server(1010, SYN | ACK, 7000, 9001, 0)
            .end();

        assertEquals(2, trace.finished.size());
        assertEquals(EndReason.FIN, trace.finished.get(0).endReason());
        assertEquals(1, trace.finished.get(0).connId(), "conn_id is the frame number of the first packet");
        assertEquals(7, trace.finished.get(1).connId());
        assertEquals(EndReason.END_OF_CAPTURE, trace.finished.get(1).endReason());
        assertEquals(2, trace.finished.get(1).client(PACKETS) + trace.finished.get(1).server(PACKETS));
    }

    @Test
    void shouldKeepAResentSynInTheSameConnection() throws IOException
    {
        trace.client(0, SYN, 1000, 0, 0)
            .client(1000, SYN, 1000, 0, 0)
            .server(1010, SYN | ACK, 5000, 1001, 0)
            .end();

        assertEquals(1, trace.finished.size());
        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(2, c.client(SYN_PACKETS));
        assertEquals(1, c.client(RETRANS_PACKETS), "a resent SYN resends one sequence number, as in tcptrace");
        assertEquals(0, c.client(UNIQUE_BYTES));
        assertEquals(0, c.client(RTT_SAMPLES));
    }

    @Test
    void shouldKeepLatePacketsAfterRstInTheResetConnection() throws IOException
    {
        trace.handshake()
            .server(30, RST | ACK, 5001, 1001, 0)
            .client(40, ACK, 1001, 5001, 10)
            .end();

        assertEquals(1, trace.finished.size());
        assertEquals(EndReason.RST, trace.finished.get(0).endReason());
        assertEquals(3, trace.finished.get(0).client(PACKETS));
    }

    @Test
    void shouldFinishAConnectionIdleForLongerThanTheTimeout() throws IOException
    {
        final TrackerHarness idle = new TrackerHarness(1_000_000_000L, AddressPrefixes.none());
        idle.handshake()
            .client(5000, ACK, 1001, 5001, 100)
            .end();

        assertEquals(2, idle.finished.size());
        assertEquals(EndReason.TIMEOUT, idle.finished.get(0).endReason());
        final TrackerHarness.Finished second = idle.finished.get(1);
        assertFalse(second.handshake());
        assertEquals(1, second.client(PACKETS));
        assertEquals(100, second.client(UNIQUE_BYTES));
    }

    @Test
    void shouldTakeTheProxySideAsServerWhenNoSynWasSeen() throws IOException
    {
        final TrackerHarness proxied = new TrackerHarness(300_000_000_000L,
            AddressPrefixes.parse(List.of("10.0.0.2/32"))).clientPort(20);
        proxied.server(0, ACK, 5000, 1000, 50).end();
        assertEquals(20, proxied.finished.get(0).clientPort(), "10.0.0.2 is the proxy: it is the server despite its higher port");
        assertEquals(50, proxied.finished.get(0).server(PAYLOAD_BYTES));

        final TrackerHarness byPort = new TrackerHarness().clientPort(20);
        byPort.server(0, ACK, 5000, 1000, 50).end();
        assertEquals(80, byPort.finished.get(0).clientPort(), "without a proxy, the lower port (20) is the server");
    }

    @Test
    void shouldMeasureACaptureThatStartsMidConnection() throws IOException
    {
        trace.client(0, ACK, 50_000, 7000, 100)
            .server(10, ACK, 7000, 50_100, 0)
            .client(20, ACK, 50_200, 7000, 100)
            .end();

        final TrackerHarness.Finished c = trace.finished.get(0);
        assertFalse(c.handshake());
        assertEquals(EndReason.END_OF_CAPTURE, c.endReason());
        assertEquals(200, c.client(UNIQUE_BYTES));
        assertEquals(1, c.client(RTT_SAMPLES));
        assertEquals(10_000, c.client(RTT_MIN_US));
        assertEquals(100, c.client(PAYLOAD_END) - c.client(ISN) - 1 - c.client(UNIQUE_BYTES),
            "the 100 bytes between the two segments were never captured");
    }

    @Test
    void shouldUnwrapSequenceNumbersAcrossTwoToThe32() throws IOException
    {
        trace.client(0, SYN, 0xFFFF_FF00L, 0, 0)
            .server(10, SYN | ACK, 5000, 0xFFFF_FF01L, 0)
            .client(20, ACK, 0xFFFF_FF01L, 5001, 1000)
            .server(30, ACK, 5001, (0xFFFF_FF01L + 1000) & 0xFFFF_FFFFL, 0)
            .client(40, ACK, (0xFFFF_FF01L + 1000) & 0xFFFF_FFFFL, 5001, 500)
            .end();

        final TrackerHarness.Finished c = trace.finished.get(0);
        assertEquals(1500, c.client(UNIQUE_BYTES));
        assertEquals(0, c.client(RETRANS_PACKETS));
        assertEquals(2, c.client(RTT_SAMPLES));
    }
}
