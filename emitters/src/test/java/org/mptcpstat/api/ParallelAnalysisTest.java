package org.mptcpstat.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.TcpFlowTable;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpHeader;
import org.mptcpstat.parser.packet.TcpPacket;
import org.mptcpstat.parser.source.MappedFileSource;
import org.mptcpstat.parser.source.MappingRetirement;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capture analyzed by several workers gives the tables one thread gives, rows aside. */
class ParallelAnalysisTest
{
    /** Three workers and the dispatcher. */
    private static final int THREADS = 4;
    private static final String WORKER_THREAD = "mptcpstat-worker-";
    /** Shorter than the pauses in every committed capture (their transfers run for seconds). */
    private static final Duration SHORT_IDLE_TIMEOUT = Duration.ofMillis(200);

    @TempDir
    Path temp;

    /** @return the committed captures, and the public MPTCP v0 ones when they are beside the checkout. */
    static Stream<Path> captures() throws IOException
    {
        final Path shared = Paths.get(System.getProperty("mptcpstat.sharedCaptures", "../../shared/captures"))
            .resolve("public-v0");
        return Stream.concat(capturesIn(capture("")), Files.isDirectory(shared) ? capturesIn(shared) : Stream.empty());
    }

    private static Stream<Path> capturesIn(final Path folder) throws IOException
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.(pcap|pcapng)")).sorted().toList().stream();
        }
    }

    private static Path capture(final String name)
    {
        return Paths.get(System.getProperty("mptcpstat.testdata", "../testdata")).resolve("captures").resolve(name);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void shouldWriteTheRowsOfOneThreadWithThreeWorkers(final Path capture) throws IOException
    {
        final SortedTables one = SortedTables.analyze(capture, 1, temp.resolve("one"));
        final SortedTables workers = SortedTables.analyze(capture, THREADS, temp.resolve("workers"));

        one.assertSameAs(workers, capture.getFileName().toString());
        assertTrue(workers.listenerThreads().stream().allMatch(name -> name.startsWith(WORKER_THREAD)),
            "connections were tracked by workers: " + workers.listenerThreads());
    }

    /**
     * With a short idle timeout, connections end in the middle of the capture, most of them
     * because of packets that go to other workers (each packet carries the time workers must
     * reach), and subflows that resume after a pause start new connections on pinned 4-tuples.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void shouldEndIdleConnectionsWhenOneThreadDoes(final Path capture) throws IOException
    {
        final SortedTables one = SortedTables.analyze(capture, shortIdleTimeout(), 1, temp.resolve("one"));
        final SortedTables workers = SortedTables.analyze(capture, shortIdleTimeout(), THREADS, temp.resolve("workers"));

        one.assertSameAs(workers, capture.getFileName() + " with a " + SHORT_IDLE_TIMEOUT + " idle timeout");
    }

    private static Analyzer.Builder shortIdleTimeout()
    {
        return Analyzer.builder().idleTimeout(SHORT_IDLE_TIMEOUT);
    }

    /** A gzip capture is read through one reused window, as standard input is: packets are copied out of it. */
    @Test
    void shouldReadAGzipCaptureOnWorkers() throws IOException
    {
        final Path gzip = temp.resolve("ethernet-v4.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip)))
        {
            Files.copy(capture("ethernet-v4.pcap"), out);
        }

        final SortedTables one = SortedTables.analyze(capture("ethernet-v4.pcap"), 1, temp.resolve("one"));
        final SortedTables workers = SortedTables.analyze(gzip, THREADS, temp.resolve("workers"));

        one.assertSameAs(workers, "ethernet-v4.pcap.gz");
    }

    /**
     * Mapped 4 KiB at a time, a capture is remapped some 150 times while batches still point into
     * earlier mappings: every mapping is unmapped, once, after its packets are tracked (a worker
     * reading one after would crash the JVM), and no more than the bound are held at a time.
     */
    @ParameterizedTest
    @ValueSource(strings = { "ethernet-v4.pcap", "pcapng-v6.pcapng" })
    void shouldUnmapEveryMappingOnceTheWorkersAreDoneWithIt(final String name) throws IOException
    {
        final Path capture = capture(name);
        final SortedTables one = SortedTables.analyze(capture, 1, temp.resolve("one"));
        final SortedTables workers;
        final RetirementCounter counter;
        try (CaptureReader reader = CaptureReaders.open(new MappedFileSource(capture, 4096, 4096)))
        {
            counter = new RetirementCounter(reader);
            workers = SortedTables.analyze(counter, name + " in 4 KiB mappings", Analyzer.builder(), THREADS,
                temp.resolve("workers"));
        }

        one.assertSameAs(workers, name + " in 4 KiB mappings");
        assertTrue(counter.retired.get() > 100, "remapped " + counter.retired.get() + " times");
        assertEquals(counter.retired.get(), counter.unmapped.get(), "mappings retired and unmapped");
        assertTrue(counter.maxHeld.get() <= ParallelAnalysis.MAX_RETIRED_MAPPINGS + 1,
            "mappings held at once, counting the one just retired: " + counter.maxHeld.get());
    }

    @Test
    void shouldShareTheConnectionsOutAmongTheWorkers() throws IOException
    {
        final SortedTables workers = SortedTables.analyze(capture("ethernet-v4.pcap"), THREADS, temp);

        assertEquals(THREADS - 1, workers.listenerThreads().size(), "44 connections over 3 workers: " +
            workers.listenerThreads());
    }

    /**
     * sample.pcap: two MPTCP connections, each a WiFi subflow and a cellular join. With some number
     * of workers, a join's 4-tuple hashes to another worker than its connection's first subflow:
     * only routing the join by its token keeps the connection whole.
     */
    @Test
    void shouldKeepAJoinWithItsConnectionWhenItsTupleHashesToAnotherWorker() throws IOException
    {
        final Path sample = capture("sample.pcap");
        final SortedTables one = SortedTables.analyze(sample, 1, temp.resolve("one"));
        final List<String> subflows = one.tables().get("mptcp_subflows");
        final List<String> header = List.of(subflows.get(0).split(","));
        final Map<Long, Long> initialOf = new HashMap<>();
        final Map<Long, Long> connectionOfJoin = new HashMap<>();
        for (final String line : subflows.subList(1, subflows.size()))
        {
            final String[] cells = line.split(",", -1);
            final long mptcpId = Long.parseLong(cells[header.indexOf("mptcp_id")]);
            final long connId = Long.parseLong(cells[header.indexOf("conn_id")]);
            if ("initial".equals(cells[header.indexOf("role")]))
            {
                initialOf.put(mptcpId, connId);
            }
            else
            {
                connectionOfJoin.put(connId, mptcpId);
            }
        }
        assertEquals(2, connectionOfJoin.size(), "two joins: " + subflows);
        final Map<Long, Integer> hashOfFirstFrame = synHashes(sample);
        int workers = 2;
        while (!joinHashesElsewhere(workers, hashOfFirstFrame, initialOf, connectionOfJoin))
        {
            workers++;
        }
        assertTrue(workers <= 8, "some worker count between 2 and 8 separates a join from its first subflow");

        final SortedTables parallel = SortedTables.analyze(sample, workers + 1, temp.resolve("parallel"));

        one.assertSameAs(parallel, "sample.pcap on " + workers + " workers");
        assertFalse(parallel.tables().get("mptcp_subflows").stream().anyMatch(line -> line.contains("unknown_token")));
        assertEquals(2, parallel.result().mptcpConnections());
    }

    @Test
    void shouldStopEveryWorkerAndAbortTheTablesWhenAWriteFails()
    {
        final FailingOutput tables = new FailingOutput();

        final IOException failure = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> assertThrows(IOException.class,
            () -> Analyzer.builder().threads(THREADS).parallelMinBytes(0).build()
                .analyze(capture("ethernet-v4.pcap"), tables)), "no worker waits for ever on the failed row's lock");

        assertEquals(FailingOutput.MESSAGE, failure.getMessage());
        assertEquals(0, tables.commits);
        assertEquals(1, tables.aborts);
    }

    @Test
    void shouldStopTheWorkersAndAbortTheTablesWhenCancelled()
    {
        final FailingOutput tables = new FailingOutput();

        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> assertThrows(AnalysisCancelledException.class,
            () -> Analyzer.builder().threads(THREADS).parallelMinBytes(0).build()
                .analyze(capture("sample.pcap"), tables, null, null, (packets, bytes) -> false)));
        assertEquals(0, tables.commits);
        assertEquals(1, tables.aborts);
    }

    /** A reader that counts the mappings it retires, and those unmapped, and how many are held at once. */
    private static final class RetirementCounter implements CaptureReader
    {
        final AtomicInteger retired = new AtomicInteger();
        final AtomicInteger unmapped = new AtomicInteger();
        final AtomicInteger maxHeld = new AtomicInteger();
        private final CaptureReader reader;

        RetirementCounter(final CaptureReader reader)
        {
            this.reader = reader;
        }

        @Override
        public boolean retireMappingsTo(final MappingRetirement retirement)
        {
            return reader.retireMappingsTo(retirement == null ? null : unmap ->
            {
                maxHeld.accumulateAndGet(retired.incrementAndGet() - unmapped.get(), Math::max);
                retirement.retire(() ->
                {
                    unmapped.incrementAndGet();
                    unmap.run();
                });
            });
        }

        @Override
        public boolean next(final PacketRecord record)
        {
            return reader.next(record);
        }

        @Override
        public long malformedRecords()
        {
            return reader.malformedRecords();
        }

        @Override
        public String fault()
        {
            return reader.fault();
        }

        @Override
        public int timestampDecimals()
        {
            return reader.timestampDecimals();
        }

        @Override
        public long bytesConsumed()
        {
            return reader.bytesConsumed();
        }

        @Override
        public long size()
        {
            return reader.size();
        }

        @Override
        public void close()
        {
            reader.close();
        }
    }

    /** Wants only tcp_connections, and fails in the middle of its third row, while other workers wait to write. */
    private static final class FailingOutput implements TableOutput
    {
        static final String MESSAGE = "disk full";
        private static final int ROWS_BEFORE_FAILING = 2;

        private int commits;
        private int aborts;

        @Override
        public RowSink open(final TableSchema schema, final int timeDecimals)
        {
            if (!schema.name().equals("tcp_connections"))
            {
                return null;
            }
            final int[] rows = new int[1];
            // Every call but these two does nothing.
            return (RowSink)Proxy.newProxyInstance(RowSink.class.getClassLoader(), new Class<?>[] { RowSink.class },
                (sink, method, arguments) ->
                {
                    rows[0] += method.getName().equals("beginRow") ? 1 : 0;
                    if (method.getName().equals("putLong") && rows[0] > ROWS_BEFORE_FAILING)
                    {
                        throw new IOException(MESSAGE);
                    }
                    return null;
                });
        }

        @Override
        public void commit()
        {
            commits++;
        }

        @Override
        public void abort()
        {
            aborts++;
        }
    }

    private static boolean joinHashesElsewhere(final int workers, final Map<Long, Integer> hashOfFirstFrame,
        final Map<Long, Long> initialOf, final Map<Long, Long> connectionOfJoin)
    {
        for (final Map.Entry<Long, Long> join : connectionOfJoin.entrySet())
        {
            final int first = PacketRouter.workerOf(hashOfFirstFrame.get(initialOf.get(join.getValue())), workers);
            if (PacketRouter.workerOf(hashOfFirstFrame.get(join.getKey()), workers) != first)
            {
                return true;
            }
        }
        return false;
    }

    /** @return for each SYN (no ACK), by frame number (the conn_id of the connection it starts), its 4-tuple's hash. */
    private static Map<Long, Integer> synHashes(final Path capture) throws IOException
    {
        final Map<Long, Integer> hashes = new HashMap<>();
        final TcpFlowTable table = new TcpFlowTable(TcpFlowTable.HEADER_LENGTH, 16);
        final PacketRecord record = new PacketRecord();
        final PacketDecoder decoder = new PacketDecoder();
        final TcpPacket packet = new TcpPacket();
        try (CaptureReader reader = CaptureReaders.open(capture))
        {
            while (reader.next(record))
            {
                if (decoder.decode(record, packet) == DecodeStatus.TCP && packet.hasFlag(TcpHeader.SYN) &&
                    !packet.hasFlag(TcpHeader.ACK))
                {
                    table.find(packet);
                    hashes.put(packet.frameNumber(), table.lastHash());
                }
            }
        }
        return hashes;
    }
}
