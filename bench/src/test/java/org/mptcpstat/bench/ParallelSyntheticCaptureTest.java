package org.mptcpstat.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.SortedTables;
import org.mptcpstat.bench.generate.CaptureGenerator;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.source.MappedFileSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A generated capture (replays of a committed one, see {@link SyntheticCapture}) analyzed by
 * three workers gives the tables one thread gives, rows aside. The replays reuse the MPTCP keys
 * of the captured connections, one replay after the other: each token is dropped by the worker
 * that knew it and taken up again, maybe by another worker, at the next replay.
 */
class ParallelSyntheticCaptureTest
{
    private static final int PACKETS = 30_000;
    private static final int THREADS = 4;

    @TempDir
    Path temp;

    @Test
    void shouldWriteTheRowsOfOneThreadWithThreeWorkers() throws IOException
    {
        final SyntheticCapture synthetic =
            SyntheticCapture.build(SyntheticCapture.locate(SyntheticCapture.DEFAULT_CAPTURE), PACKETS, false);
        final Path capture = temp.resolve("synthetic.pcap");
        synthetic.writeTo(capture);

        final SortedTables one = SortedTables.analyze(capture, 1, temp.resolve("one"));
        final SortedTables workers = SortedTables.analyze(capture, THREADS, temp.resolve("workers"));

        assertEquals(synthetic.connections(), one.result().connections(), synthetic.toString());
        one.assertSameAs(workers, synthetic.toString());
        assertEquals(THREADS - 1, workers.listenerThreads().size(), "every worker tracked connections");
    }

    /**
     * A capture of the generator (v0 and v1 connections, joins, loss, reinjections, ADD_ADDR) read
     * through 64 KiB mappings: workers read their packets in mappings the reader has long left,
     * which are unmapped only once every batch pointing into them is tracked.
     */
    @Test
    void shouldWriteTheRowsOfOneThreadWhenWorkersReadPacketsInMappingsTheReaderLeft() throws IOException
    {
        final Path capture = temp.resolve("generated.pcap");
        assertEquals(0, CaptureGenerator.run(new String[] { capture.toString(), "--seed", "7", "--tcp", "100",
            "--mptcp", "100", "--subflows", "3", "--loss", "0.2", "--reinjection", "0.4", "--add-addr-share", "0.5",
            "--no-truth" }, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));

        final SortedTables one = SortedTables.analyze(capture, 1, temp.resolve("one"));
        final SortedTables workers;
        try (CaptureReader reader = CaptureReaders.open(new MappedFileSource(capture, 1 << 16, 1 << 16)))
        {
            workers = SortedTables.analyze(reader, "generated.pcap in 64 KiB mappings", Analyzer.builder(), THREADS,
                temp.resolve("workers"));
        }

        one.assertSameAs(workers, "generated.pcap in 64 KiB mappings");
        assertEquals(100, one.result().mptcpConnections());
    }
}
