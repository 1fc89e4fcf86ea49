package org.mptcpstat.bench;

import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.capture.PcapReader;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Tracking alone, per TCP packet: {@link TcpTracker#onPacket}, which also feeds the MPTCP tracker
 * and the SOCKS sniffer, as {@code analyze} sets them up. The packets are decoded once, in setup,
 * each into its own {@link TcpPacket}; an invocation hands all of them to the tracker, in capture
 * order, then finishes every connection still open (to listeners that write nothing).
 * <p>
 * The tracker lives for the whole trial, as it does for a whole capture. Every invocation ends
 * with {@link TcpTracker#finishAll()}, so the next one starts from an empty table; inside an
 * invocation each replay of the capture has its own ports and starts after the idle timeout has
 * finished the connections of the one before (see {@link SyntheticCapture}). So the trackers
 * always see fresh connections, never replayed sequence numbers or MPTCP keys still in use.
 * <ul>
 * <li>{@link #track}: {@value SyntheticCapture#PACKETS} packets, so as many {@code TcpPacket}
 * objects (tens of MB), more than the L2 cache holds, whereas the real pipeline decodes every
 * packet into one {@code TcpPacket} that stays in cache.</li>
 * <li>{@link #trackCached}: the first {@value #CACHED_PACKETS} packets only, a fiftieth of that: a
 * control for that difference (on the machine of docs/PERFORMANCE.md it made none that rose above
 * the noise).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// The launcher's setting: Agrona's per-access bounds checks off (the parser checks reads itself).
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dagrona.disable.bounds.checks=true" })
public class TrackerBenchmark
{
    /** Packets per invocation of {@link #trackCached}. */
    static final int CACHED_PACKETS = 2048;

    /** Decoded packets and a tracker. */
    @State(Scope.Thread)
    public abstract static class Packets
    {
        @Param(SyntheticCapture.DEFAULT_CAPTURE)
        public String capture;

        TcpPacket[] packets;
        TcpTracker tracker;

        void load(final int count) throws IOException
        {
            final SyntheticCapture synthetic =
                SyntheticCapture.build(SyntheticCapture.locate(capture), count, true);
            System.out.println(synthetic);
            packets = new TcpPacket[count];
            final PacketRecord record = new PacketRecord();
            final PacketDecoder decoder = new PacketDecoder();
            int n = 0;
            // The memory source never moves its buffer, so each decoded packet's bytes stay valid.
            try (CaptureReader reader = new PcapReader(new MemoryCaptureSource(synthetic.buffer())))
            {
                TcpPacket packet = new TcpPacket();
                while (n < packets.length && reader.next(record))
                {
                    if (decoder.decode(record, packet) == DecodeStatus.TCP)
                    {
                        packets[n++] = packet;
                        packet = new TcpPacket();
                    }
                }
            }
            if (n != packets.length)
            {
                throw new IllegalStateException("only " + n + " TCP packets");
            }
            tracker = SyntheticCapture.newTracker();
            if (run(this) != synthetic.connections())
            {
                throw new IllegalStateException("tracker found " + tracker.connections() + " connections, expected " +
                    synthetic.connections());
            }
        }
    }

    @State(Scope.Thread)
    public static class AllPackets extends Packets
    {
        @Setup(Level.Trial)
        public void setup() throws IOException
        {
            load(SyntheticCapture.PACKETS);
        }
    }

    @State(Scope.Thread)
    public static class CachedPackets extends Packets
    {
        @Setup(Level.Trial)
        public void setup() throws IOException
        {
            load(CACHED_PACKETS);
        }
    }

    /** @return connections started so far (by this invocation and the ones before). */
    @Benchmark
    @OperationsPerInvocation(SyntheticCapture.PACKETS)
    public long track(final AllPackets state) throws IOException
    {
        return run(state);
    }

    /** @return connections started so far (by this invocation and the ones before). */
    @Benchmark
    @OperationsPerInvocation(CACHED_PACKETS)
    public long trackCached(final CachedPackets state) throws IOException
    {
        return run(state);
    }

    static long run(final Packets state) throws IOException
    {
        final TcpTracker tracker = state.tracker;
        for (final TcpPacket packet : state.packets)
        {
            tracker.onPacket(packet);
        }
        tracker.finishAll();
        return tracker.connections();
    }
}
