package org.mptcpstat.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.api.SortedTables;

import java.io.IOException;
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
}
