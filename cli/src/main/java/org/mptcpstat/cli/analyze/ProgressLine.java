package org.mptcpstat.cli.analyze;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A once-a-second progress line on a terminal: bytes read of the total, packets per second, and
 * time left. The analysis threads only add to two {@link AtomicLong}s; formatting happens here.
 */
final class ProgressLine implements AutoCloseable
{
    private static final double MIB = 1024.0 * 1024.0;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread thread = new Thread(r, "mptcpstat-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final PrintWriter err;
    private final AtomicLong bytesRead;
    private final AtomicLong packetsRead;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();

    ProgressLine(final PrintWriter err, final AtomicLong bytesRead, final AtomicLong packetsRead, final long totalBytes)
    {
        this.err = err;
        this.bytesRead = bytesRead;
        this.packetsRead = packetsRead;
        this.totalBytes = totalBytes;
        timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
    }

    private void print()
    {
        final long done = bytesRead.get();
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final double rate = done / MIB / Math.max(seconds, 1e-3);
        final double left = rate > 0 ? (totalBytes - done) / MIB / rate : 0;
        err.printf(Locale.ROOT, "\r%,.0f / %,.0f MiB  %,.0f packets/s  %.0f s left   ", done / MIB, totalBytes / MIB,
            packetsRead.get() / Math.max(seconds, 1e-3), Math.max(0, left));
        err.flush();
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
    }
}
