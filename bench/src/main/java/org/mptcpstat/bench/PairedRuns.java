package org.mptcpstat.bench;

import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.capture.PcapReader;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares builds on a shared machine, where JMH's wall-clock scores of one build swing by 30 %
 * or more from run to run as other jobs come and go: each build's benchmark jar is loaded in its
 * own class loader of one JVM, the builds take turns at one pass each over the synthetic capture
 * (read and decode, or read, decode and track, as {@link AnalysisBenchmark} with {@code
 * source=memory}, {@code output=none}), and each pass is timed in the thread's CPU time, which
 * time sharing does not inflate. Neighbouring passes meet the same load, so the ratio of each
 * build's pass to the first build's pass next to it is steadier than either time.
 * <pre>
 * java -cp bench/target/benchmarks.jar org.mptcpstat.bench.PairedRuns analyze|decode WARMUP PASSES \
 *     CAPTURE OLD.jar NEW.jar ...
 * </pre>
 * The jars are benchmark jars ({@code bench/target/benchmarks.jar}) of the builds to compare, the
 * first being the reference; one built before this class existed works, as the pass below comes
 * from this jar when the build's own jar lacks it. Prints, per build, the median, first quartile
 * and minimum of its CPU ns per packet and the median and quartiles of its per-pass ratios.
 */
public final class PairedRuns
{
    private PairedRuns()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 5)
        {
            System.err.println("usage: PairedRuns analyze|decode WARMUP PASSES CAPTURE JAR...");
            System.exit(2);
        }
        final String what = args[0];
        final int warmup = Integer.parseInt(args[1]);
        final int passes = Integer.parseInt(args[2]);
        final String capture = args[3];
        final int builds = args.length - 4;
        final URL own = PairedRuns.class.getProtectionDomain().getCodeSource().getLocation();
        final Object[] runners = new Object[builds];
        final Method[] run = new Method[builds];
        for (int b = 0; b < builds; b++)
        {
            // The build's jar first: its classes, and its own Pass when it has one.
            final ClassLoader loader = new URLClassLoader(new URL[] { Path.of(args[4 + b]).toUri().toURL(), own },
                ClassLoader.getPlatformClassLoader());
            final Class<?> pass = loader.loadClass(Pass.class.getName());
            runners[b] = pass.getConstructor(String.class, String.class).newInstance(what, capture);
            run[b] = pass.getMethod("run");
        }
        final double[][] nanos = new double[builds][passes];
        for (int p = -warmup; p < passes; p++)
        {
            for (int k = 0; k < builds; k++)
            {
                // Alternate the order, so that no build always runs right after another.
                final int b = (p & 1) == 0 ? k : builds - 1 - k;
                final double perPacket = (Double)run[b].invoke(runners[b]);
                if (p >= 0)
                {
                    nanos[b][p] = perPacket;
                }
            }
        }
        for (int b = 0; b < builds; b++)
        {
            final double[] sorted = nanos[b].clone();
            Arrays.sort(sorted);
            final double[] ratios = new double[passes];
            for (int p = 0; p < passes; p++)
            {
                ratios[p] = nanos[b][p] / nanos[0][p];
            }
            Arrays.sort(ratios);
            System.out.printf("%s: CPU ns/packet median %.1f, p25 %.1f, min %.1f; ratio to the first median %.3f " +
                "(p25 %.3f, p75 %.3f)%n", args[4 + b], sorted[passes / 2], sorted[passes / 4], sorted[0],
                ratios[passes / 2], ratios[passes / 4], ratios[3 * passes / 4]);
        }
    }

    /** One build's pipeline over the synthetic capture; public for the other class loaders. */
    public static final class Pass
    {
        private final boolean track;
        private final MemoryCaptureSource memory;
        private final TcpTracker tracker = SyntheticCapture.newTracker();
        private final PacketRecord record = new PacketRecord();
        private final PacketDecoder decoder = new PacketDecoder();
        private final TcpPacket packet = new TcpPacket();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        /** What a decode-only pass reads of each packet, kept so that the JIT keeps the decoding. */
        private long checksum;

        public Pass(final String what, final String capture) throws Exception
        {
            track = switch (what)
            {
                case "analyze" -> true;
                case "decode" -> false;
                default -> throw new IllegalArgumentException("analyze or decode, not " + what);
            };
            memory = new MemoryCaptureSource(
                SyntheticCapture.build(SyntheticCapture.locate(capture), SyntheticCapture.PACKETS, false).buffer());
        }

        /** @return thread CPU nanoseconds per packet of one pass. */
        public double run() throws Exception
        {
            final long start = threads.getCurrentThreadCpuTime();
            try (PcapReader reader = new PcapReader(memory.rewind()))
            {
                while (reader.next(record))
                {
                    if (decoder.decode(record, packet) == DecodeStatus.TCP)
                    {
                        if (track)
                        {
                            tracker.onPacket(packet);
                        }
                        else
                        {
                            checksum += packet.sequenceNumber() + packet.payloadLength();
                        }
                    }
                }
            }
            tracker.finishAll();
            return (threads.getCurrentThreadCpuTime() - start) / (double)SyntheticCapture.PACKETS;
        }
    }
}
