package org.mptcpstat.bench.generate;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one capture: runs {@link GeneratorSettings#concurrency()} lanes, each planning one
 * conversation after another, and merges their packets in time order through a heap of lanes, so
 * the file holds many conversations at once and memory holds only the lanes' conversations.
 * Connection numbers are given in the order of first packets, as the analyzer gives them.
 */
final class CaptureGeneration
{
    /** 2023-11-14 22:13:20 UTC: any fixed time would do. */
    private static final long CAPTURE_START_NANOS = 1_700_000_000_000_000_000L;
    /** The analyzer's default idle timeout and a second: after that, it has forgotten a connection's tokens. */
    private static final long TOKEN_HOLD_NANOS = 301_000_000_000L;

    private final GeneratorSettings settings;
    private final Lane[] lanes;
    private final int[] heap;
    private final SeededRandom choices;
    private final SeededRandom conversationRandom = new SeededRandom(0);
    private final FrameEncoder encoder;
    private final TcpConversationPlanner tcpPlanner;
    private final MptcpConversationPlanner mptcpPlanner;
    private int heapSize;
    private long tcpLeft;
    private long mptcpLeft;
    private long conversations;
    private long tcpConversations;
    private long mptcpConversations;
    private long packets;
    private long connections;

    /** What was written. */
    record Summary(long packets, long bytes, long tcpConversations, long mptcpConversations, long tcpConnections)
    {
    }

    CaptureGeneration(final GeneratorSettings settings)
    {
        this.settings = settings;
        this.lanes = new Lane[settings.concurrency()];
        this.heap = new int[settings.concurrency()];
        this.choices = new SeededRandom(settings.seed());
        this.encoder = new FrameEncoder(settings.link(), settings.headersOnly());
        this.tcpPlanner = new TcpConversationPlanner(settings);
        this.mptcpPlanner = new MptcpConversationPlanner(settings, encoder.mptcpOptions(),
            new TokenRegistry(TOKEN_HOLD_NANOS));
        this.tcpLeft = settings.tcpConnections();
        this.mptcpLeft = settings.mptcpConnections();
    }

    /** Writes the capture, and its ground truth when the settings ask for it. */
    Summary writeTo(final Path capture) throws IOException
    {
        final int snapLength = settings.headersOnly() ? 128 : 262_144;
        try (CaptureFileWriter writer = new CaptureFileWriter(capture, settings.format(), settings.link(), snapLength);
            GroundTruth truth = settings.writeTruth() ? new GroundTruth(GroundTruth.folderOf(capture)) : null)
        {
            for (int i = 0; i < lanes.length; i++)
            {
                lanes[i] = new Lane(i);
                startNext(lanes[i], CAPTURE_START_NANOS + choices.exponential(settings.meanGapNanos()), writer);
            }
            while (heapSize > 0)
            {
                final Lane lane = lanes[heap[0]];
                final Conversation c = lane.conversation;
                final int p = c.script.inCaptureOrder(lane.rank++);
                emit(c, p, writer);
                removeTop();
                if (lane.rank < c.script.count())
                {
                    lane.nextTime = c.script.time[c.script.inCaptureOrder(lane.rank)];
                    push(lane.number);
                }
                else
                {
                    if (truth != null)
                    {
                        truth.write(c);
                    }
                    startNext(lane, c.script.time[p] + choices.exponential(settings.meanGapNanos()), writer);
                }
            }
            if (truth != null)
            {
                truth.commit();
            }
            return new Summary(packets, writer.length(), tcpConversations, mptcpConversations, connections);
        }
    }

    private void startNext(final Lane lane, final long start, final CaptureFileWriter writer)
    {
        final boolean mptcp;
        if (settings.targetBytes() > 0)
        {
            if (writer.length() >= settings.targetBytes())
            {
                return;
            }
            mptcp = choices.nextDouble() * (settings.tcpConnections() + settings.mptcpConnections()) <
                settings.mptcpConnections();
        }
        else
        {
            if (tcpLeft + mptcpLeft == 0)
            {
                return;
            }
            mptcp = choices.nextDouble() * (tcpLeft + mptcpLeft) < mptcpLeft;
            tcpLeft -= mptcp ? 0 : 1;
            mptcpLeft -= mptcp ? 1 : 0;
        }
        final Conversation c = lane.conversation;
        c.reset(conversations);
        conversationRandom.reseed(settings.seed(), conversations++);
        final long aligned = Exchanges.micros(start);
        if (mptcp)
        {
            lane.withdrawReuse();
            mptcpPlanner.plan(lane, conversationRandom, aligned);
            mptcpConversations++;
        }
        else
        {
            tcpPlanner.plan(lane, conversationRandom, aligned);
            tcpConversations++;
        }
        c.script.sortByTime();
        lane.rank = 0;
        lane.nextTime = c.script.time[c.script.inCaptureOrder(0)];
        push(lane.number);
    }

    private void emit(final Conversation c, final int p, final CaptureFileWriter writer) throws IOException
    {
        final PacketScript s = c.script;
        final int offset = writer.frameOffset();
        encoder.encode(c, p, writer.buffer(), offset);
        writer.commit(s.time[p], encoder.capturedLength(), encoder.frameLength());
        packets++;

        final int sf = s.subflow[p];
        final int direction = s.direction[p];
        // The analyzer's ids: a connection's is the frame number (from 1) of its first packet, an
        // MPTCP connection's that of the subflow that started it.
        if (c.connId[sf] < 0)
        {
            c.connId[sf] = packets;
            connections++;
        }
        if (c.mptcp && c.mptcpId < 0)
        {
            c.mptcpId = c.connId[sf];
        }
        final int payload = s.payload[p];
        final int marks = s.marks[p];
        c.addTcp(sf, direction, TcpTruthColumn.PACKETS, 1);
        c.addTcp(sf, direction, TcpTruthColumn.IP_BYTES, encoder.ipLength());
        c.addTcp(sf, direction, TcpTruthColumn.PAYLOAD_BYTES, payload);
        c.addTcp(sf, direction, TcpTruthColumn.DATA_PACKETS, payload > 0 ? 1 : 0);
        c.addTcp(sf, direction, TcpTruthColumn.TRUNCATED_PACKETS, payload > 0 && settings.headersOnly() ? 1 : 0);
        c.addTcp(sf, direction, TcpTruthColumn.SYN_PACKETS, (s.flags[p] & PacketScript.SYN) != 0 ? 1 : 0);
        c.addTcp(sf, direction, TcpTruthColumn.FIN_PACKETS, (s.flags[p] & PacketScript.FIN) != 0 ? 1 : 0);
        c.addTcp(sf, direction, TcpTruthColumn.RST_PACKETS, (s.flags[p] & PacketScript.RST) != 0 ? 1 : 0);
        c.addTcp(sf, direction, TcpTruthColumn.OUT_OF_ORDER_PACKETS, (marks & PacketScript.OUT_OF_ORDER) != 0 ? 1 : 0);
        if ((marks & PacketScript.RETRANSMISSIONS) != 0)
        {
            c.addTcp(sf, direction, TcpTruthColumn.RETRANS_PACKETS, 1);
            c.addTcp(sf, direction, TcpTruthColumn.RETRANS_BYTES, payload);
            c.addTcp(sf, direction, (marks & PacketScript.FAST_RETRANSMISSION) != 0 ?
                TcpTruthColumn.RETRANS_FAST_RETRANSMIT : TcpTruthColumn.RETRANS_RTO, 1);
        }
    }

    /** The lane whose next packet is earliest is on top; ties go to the lower lane number. */
    private boolean earlier(final int a, final int b)
    {
        final long ta = lanes[a].nextTime;
        final long tb = lanes[b].nextTime;
        return ta < tb || ta == tb && a < b;
    }

    private void push(final int lane)
    {
        int i = heapSize++;
        heap[i] = lane;
        while (i > 0 && earlier(heap[i], heap[(i - 1) / 2]))
        {
            swap(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    private void removeTop()
    {
        heap[0] = heap[--heapSize];
        int i = 0;
        while (true)
        {
            final int left = 2 * i + 1;
            final int right = left + 1;
            int smallest = i;
            if (left < heapSize && earlier(heap[left], heap[smallest]))
            {
                smallest = left;
            }
            if (right < heapSize && earlier(heap[right], heap[smallest]))
            {
                smallest = right;
            }
            if (smallest == i)
            {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(final int i, final int j)
    {
        final int lane = heap[i];
        heap[i] = heap[j];
        heap[j] = lane;
    }
}
