package org.mptcpstat.api;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpListener;
import org.mptcpstat.flowtable.mptcp.MptcpListenerTee;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker of a {@link ParallelAnalysis}: tracks the packets the dispatcher routes to it, batch
 * by batch, in capture order, with trackers of its own that write into the shared tables. Before
 * each packet it reaches the packet's clock, so that its connections end when they would in a
 * tracker that saw every packet. It reports back the tokens it stops knowing: those of finished
 * MPTCP connections, and those the dispatcher pointed at it for a packet that made nothing of them.
 */
final class Worker implements Runnable, MptcpListener
{
    private final ParallelAnalysis analysis;
    private final CaptureTrackers trackers;
    private final OneToOneConcurrentArrayQueue<PacketBatch> full;
    private final OneToOneConcurrentArrayQueue<PacketBatch> free;
    private final IdleStrategy idle = ParallelAnalysis.idleStrategy();
    private final PacketRecord record = new PacketRecord();
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();
    /** Batches tracked so far: the dispatcher unmaps what they pointed into once they are. */
    private final AtomicLong trackedBatches = new AtomicLong();
    /** The batch being tracked: finished connections' tokens are reported on it. */
    private PacketBatch current;
    /** The sequence number of the packet being tracked, from 1, as {@link PacketRouter} counts. */
    private long sequence;

    /**
     * @param listeners the caller's listeners, serialized.
     * @param maxOpen   connections this worker holds at most.
     */
    Worker(final ParallelAnalysis analysis, final Analyzer analyzer, final CaptureSinks sinks,
        final SerializedListeners listeners, final int maxOpen, final int batches)
    {
        this.analysis = analysis;
        final MptcpListener callers = listeners.mptcpOrNull();
        this.trackers = analyzer.trackers(sinks, listeners.tcpOrNull(),
            callers == null ? this : new MptcpListenerTee(callers, this), maxOpen);
        this.full = new OneToOneConcurrentArrayQueue<>(batches);
        this.free = new OneToOneConcurrentArrayQueue<>(batches);
        for (int i = 0; i < batches; i++)
        {
            free.add(new PacketBatch());
        }
    }

    /** @return where the dispatcher puts batches to track. */
    OneToOneConcurrentArrayQueue<PacketBatch> full()
    {
        return full;
    }

    /** @return where tracked batches come back, empty. */
    OneToOneConcurrentArrayQueue<PacketBatch> free()
    {
        return free;
    }

    CaptureTrackers trackers()
    {
        return trackers;
    }

    /** @return batches tracked so far; any thread may ask. */
    long trackedBatches()
    {
        return trackedBatches.get();
    }

    @Override
    public void run()
    {
        try
        {
            while (!analysis.stopping())
            {
                final PacketBatch batch = full.poll();
                if (batch == null)
                {
                    idle.idle();
                    continue;
                }
                idle.reset();
                track(batch);
                trackedBatches.incrementAndGet();
                final boolean last = batch.isLast();
                batch.clearPackets();
                free.add(batch);
                if (last)
                {
                    return;
                }
            }
        }
        catch (final Throwable ex)
        {
            // Errors too: the dispatcher rethrows whatever stopped a worker in the caller's thread.
            analysis.fail(ex);
        }
    }

    private void track(final PacketBatch batch) throws IOException
    {
        current = batch;
        int check = 0;
        for (int i = 0; i < batch.count(); i++)
        {
            sequence++;
            if (batch.clock(i) != PacketBatch.NO_CLOCK)
            {
                trackers.tcp().finishIdle(batch.clock(i));
            }
            if (decoder.decode(batch.read(i, record), packet) != DecodeStatus.TCP)
            {
                throw new IllegalStateException("frame " + record.frameNumber() +
                    " decoded as TCP by the dispatcher, not by its worker");
            }
            trackers.onTcpPacket(record, packet);
            for (; check < batch.tokenCheckCount() && batch.tokenCheckIndex(check) == i; check++)
            {
                final int token = batch.tokenCheckToken(check);
                if (!trackers.mptcp().knowsToken(token))
                {
                    batch.forget(token, sequence + 1);
                }
            }
        }
        if (batch.isLast())
        {
            sequence++;
            if (batch.endClock() != PacketBatch.NO_CLOCK)
            {
                trackers.tcp().finishIdle(batch.endClock());
            }
            trackers.endOfCapture();
        }
    }

    /** An MPTCP connection ended: joins can no longer find it by its tokens here. */
    @Override
    public void onConnectionFinished(final MptcpConnection connection)
    {
        if (connection.clientKeyKnown())
        {
            current.forget(connection.clientToken(), sequence);
        }
        if (connection.serverKeyKnown())
        {
            current.forget(connection.serverToken(), sequence);
        }
        if (connection.unknownToken() != 0)
        {
            current.forget(connection.unknownToken(), sequence);
        }
    }
}
