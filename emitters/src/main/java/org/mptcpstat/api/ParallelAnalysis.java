package org.mptcpstat.api;

import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.mptcp.MptcpListener;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * One capture analyzed on several threads: the caller's thread reads and decodes every record
 * (the dispatcher), and each TCP packet goes into a batch of the {@link Worker} that
 * {@link PacketRouter} chooses; workers track their packets with trackers of their own, writing
 * rows into the capture's tables as connections finish.
 * <p>
 * A batch points at its packets where the reader left them, in the mapped capture: the dispatcher
 * takes over each mapping the reader moves past and unmaps it once every batch that was filled
 * before then is tracked. (Copying each packet cost the dispatcher a quarter of its time.) Packets
 * of a reader that reuses its buffer (gzip, a pipe) are copied into the batch.
 * <p>
 * Every worker sees all the packets of its connections, MPTCP subflows included, in capture
 * order, and its idle connections end at the same packet as with one thread (each packet carries
 * the latest time of the packets other workers got since), so the tables hold the rows one thread
 * would write, in an order of their own. {@code docs/ARCHITECTURE.md} lists the rare captures
 * where they can still differ.
 * <p>
 * Each worker has a fixed set of batches that go round between the dispatcher and it: a worker
 * that falls behind stops the dispatcher until it catches up, so memory stays bounded.
 */
final class ParallelAnalysis implements PacketConsumer
{
    /**
     * Batches per worker: one being filled, the others queued or being tracked. Eight of 1024
     * packets hold milliseconds of a worker's work, enough for the dispatcher and the workers to
     * keep each other busy across a scheduler's time slice on a busy machine.
     */
    private static final int BATCHES_PER_WORKER = 8;
    /** Mappings the reader moved past that may stay mapped while workers still read in them. */
    static final int MAX_RETIRED_MAPPINGS = 1;
    private static final int IDLE_SPINS = 10;
    private static final int IDLE_YIELDS = 20;
    private static final long IDLE_MIN_PARK_NANOS = 1_000;
    /** A waiting thread sleeps at most this long: short next to tracking a batch, long enough not to burn a core. */
    private static final long IDLE_MAX_PARK_NANOS = 100_000;

    private final PacketRouter router;
    private final CaptureReader reader;
    /** Whether batches point at packets in the reader's mappings rather than copy them. */
    private final boolean inPlace;
    /** Mappings the reader moved past, not yet unmapped: the oldest first. */
    private final List<RetiredMapping> retired = new ArrayList<>();
    /** How many of {@link #retired}, the oldest ones, know which batches they wait for. */
    private int stamped;
    /** Per worker, the batches handed over to it so far. */
    private final long[] handedOver;
    private final Worker[] workers;
    private final Thread[] threads;
    private final List<SharedRowSink> sharedSinks = new ArrayList<>();
    /** Per worker, the batch being filled. */
    private final PacketBatch[] filling;
    /** Per worker, the latest time of the packets other workers got since its previous packet. */
    private final long[] clocks;
    private final IdleStrategy idle = idleStrategy();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /**
     * Starts the workers.
     *
     * @param reader        the capture's: the caller reads it and passes its packets on.
     * @param tcpListener   the caller's, or null; called from the workers, one call at a time.
     * @param mptcpListener the caller's, or null; likewise.
     */
    ParallelAnalysis(final Analyzer analyzer, final CaptureReader reader, final int workerCount,
        final CaptureSinks sinks, final TcpConnectionListener tcpListener, final MptcpListener mptcpListener)
    {
        router = new PacketRouter(workerCount, analyzer.idleTimeoutNanos());
        this.reader = reader;
        handedOver = new long[workerCount];
        final CaptureSinks shared = sinks.map(sink ->
        {
            final SharedRowSink sharedSink = new SharedRowSink(sink);
            sharedSinks.add(sharedSink);
            return sharedSink;
        });
        final SerializedListeners listeners = new SerializedListeners(tcpListener, mptcpListener);
        // The bound on open connections holds for the capture: each worker gets its share.
        final int maxOpen = (analyzer.maxOpenConnections() + workerCount - 1) / workerCount;
        workers = new Worker[workerCount];
        threads = new Thread[workerCount];
        filling = new PacketBatch[workerCount];
        clocks = new long[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            workers[w] = new Worker(this, analyzer, shared, listeners, maxOpen, BATCHES_PER_WORKER);
            filling[w] = workers[w].free().poll();
            clocks[w] = PacketBatch.NO_CLOCK;
            threads[w] = new Thread(workers[w], "mptcpstat-worker-" + w);
            threads[w].setDaemon(true);
        }
        inPlace = reader.retireMappingsTo(unmap -> retired.add(new RetiredMapping(unmap)));
        try
        {
            for (final Thread thread : threads)
            {
                thread.start();
            }
        }
        catch (final RuntimeException | Error ex)
        {
            // No thread to spare (OutOfMemoryError): the workers started must not wait for ever.
            close();
            throw ex;
        }
    }

    static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(IDLE_SPINS, IDLE_YIELDS, IDLE_MIN_PARK_NANOS, IDLE_MAX_PARK_NANOS);
    }

    @Override
    public void onTcpPacket(final PacketRecord record, final TcpPacket packet) throws IOException
    {
        if (retired.size() > stamped)
        {
            stampRetired();
        }
        final int worker = router.route(packet);
        final int copied = inPlace ? 0 : record.capturedLength();
        final PacketBatch batch = filling[worker].fits(copied) ? filling[worker] : handOver(worker);
        final int index = batch.add(record, !inPlace, clocks[worker]);
        final IntArrayList tokens = router.usedTokens();
        for (int i = 0; i < tokens.size(); i++)
        {
            batch.checkToken(index, tokens.getInt(i));
        }
        final long time = record.timestampNanos();
        for (int w = 0; w < clocks.length; w++)
        {
            clocks[w] = Math.max(clocks[w], time);
        }
        clocks[worker] = PacketBatch.NO_CLOCK;
    }

    /** Queues a worker's full batch and takes an empty one, waiting while the worker is behind. */
    private PacketBatch handOver(final int worker) throws IOException
    {
        queue(worker, filling[worker]);
        unmapTracked();
        PacketBatch batch;
        while ((batch = workers[worker].free().poll()) == null)
        {
            throwIfFailed();
            idle.idle();
        }
        idle.reset();
        for (int n = 0; n < batch.forgottenCount(); n++)
        {
            router.forget(worker, batch.forgottenToken(n), batch.forgottenSequence(n));
        }
        batch.clearForgotten();
        filling[worker] = batch;
        return batch;
    }

    @Override
    public void endOfCapture() throws IOException
    {
        for (int w = 0; w < workers.length; w++)
        {
            filling[w].markLast(clocks[w]);
            queue(w, filling[w]);
        }
        try
        {
            for (final Thread thread : threads)
            {
                thread.join();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the workers finished");
        }
        throwIfFailed();
    }

    private void queue(final int worker, final PacketBatch batch)
    {
        if (!workers[worker].full().offer(batch))
        {
            throw new IllegalStateException("more batches than a worker's queue holds");
        }
        handedOver[worker]++;
    }

    /**
     * The reader moved past mappings since the last packet: the batches filled so far may point
     * into them, so they are handed over now (lest a worker's rarely filled batch hold a mapping
     * for long), and each of those mappings waits for its workers to have tracked that many batches.
     * Workers that keep up free a mapping long before the next one retires; one that falls behind
     * stops the dispatcher here, so that resident memory stays bounded.
     */
    private void stampRetired() throws IOException
    {
        for (int w = 0; w < workers.length; w++)
        {
            if (filling[w].count() > 0)
            {
                handOver(w);
            }
        }
        for (int r = stamped; r < retired.size(); r++)
        {
            retired.get(r).stamp(handedOver);
        }
        stamped = retired.size();
        unmapTracked();
        while (stamped > MAX_RETIRED_MAPPINGS)
        {
            throwIfFailed();
            idle.idle();
            unmapTracked();
        }
        idle.reset();
    }

    /** Unmaps the retired mappings whose batches every worker has tracked. */
    private void unmapTracked()
    {
        while (stamped > 0 && retired.get(0).isTracked(workers))
        {
            retired.remove(0).unmap.run();
            stamped--;
        }
    }

    /** Unmaps every retired mapping; only once no worker runs. */
    private void unmapAll()
    {
        for (final RetiredMapping mapping : retired)
        {
            mapping.unmap.run();
        }
        retired.clear();
        stamped = 0;
    }

    @Override
    public long connections()
    {
        return sum(PacketConsumer::connections);
    }

    @Override
    public long mptcpConnections()
    {
        return sum(PacketConsumer::mptcpConnections);
    }

    @Override
    public long evictions()
    {
        return sum(PacketConsumer::evictions);
    }

    /** @return a count over every worker's trackers; read once the workers are done. */
    private long sum(final ToLongFunction<PacketConsumer> count)
    {
        long sum = 0;
        for (final Worker worker : workers)
        {
            sum += count.applyAsLong(worker.trackers());
        }
        return sum;
    }

    /**
     * Stops the workers (at once, unless the capture ended) and waits for them: they write no more
     * rows. Then unmaps what they read and frees their flow tables.
     */
    @Override
    public void close()
    {
        stopping = true;
        boolean interrupted = false;
        for (final Thread thread : threads)
        {
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        reader.retireMappingsTo(null);
        unmapAll();
        for (final Worker worker : workers)
        {
            worker.trackers().close();
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the workers should stop: the analysis failed or was cancelled. */
    boolean stopping()
    {
        return stopping;
    }

    /** A worker stopped on an exception: the first one is the analysis's; the worker lets go of its locks. */
    void fail(final Throwable ex)
    {
        failure.compareAndSet(null, ex);
        stopping = true;
        for (final SharedRowSink sink : sharedSinks)
        {
            sink.unlockHeld();
        }
    }

    private void throwIfFailed() throws IOException
    {
        final Throwable ex = failure.get();
        if (ex instanceof IOException io)
        {
            throw io;
        }
        if (ex instanceof RuntimeException runtime)
        {
            throw runtime;
        }
        if (ex instanceof Error error)
        {
            throw error;
        }
        if (ex != null)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** A mapping the reader moved past, and how many batches each worker must have tracked before it goes. */
    private static final class RetiredMapping
    {
        final Runnable unmap;
        private long[] batches;

        RetiredMapping(final Runnable unmap)
        {
            this.unmap = unmap;
        }

        void stamp(final long[] handedOver)
        {
            batches = Arrays.copyOf(handedOver, handedOver.length);
        }

        boolean isTracked(final Worker[] workers)
        {
            for (int w = 0; w < workers.length; w++)
            {
                if (workers[w].trackedBatches() < batches[w])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
