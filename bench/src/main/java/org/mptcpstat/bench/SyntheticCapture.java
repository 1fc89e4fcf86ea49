package org.mptcpstat.bench;

import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.bench.generate.CaptureGenerator;
import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;
import org.mptcpstat.flowtable.mptcp.MptcpListener;
import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.flowtable.socks.SocksSniffer;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.capture.PcapReader;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic pcap file built in memory from the records of a committed capture, replayed as often
 * as needed to hold exactly the number of packets a benchmark reports per invocation.
 * <p>
 * Replay {@code r} (from 0) is shifted in time to start one idle timeout (300 s, as {@code analyze}
 * has by default) and one second after the previous replay's last packet, and every TCP segment in
 * it has its ports rewritten: the port of the lower endpoint (address, then port) gets {@code +r},
 * the other {@code -r}, in 16-bit one's complement arithmetic so that the TCP checksum stays valid.
 * Both directions of a connection get the same new 4-tuple, so each replay brings fresh TCP
 * connections. {@link #build} checks that: the tracker must find as many connections in the whole
 * synthetic capture as in its replays tracked one at a time.
 * <p>
 * MPTCP keys and tokens are not rewritten (tokens and join HMACs derive from the keys). The gap
 * makes that harmless: when a replay starts, the idle timeout has finished every connection of the
 * one before, so the MPTCP tracker never sees a key while another connection still holds it.
 */
final class SyntheticCapture
{
    /** Packets per benchmark invocation; {@code @OperationsPerInvocation} needs it as a constant. */
    static final int PACKETS = 100_000;
    /** The committed capture the benchmarks replay unless {@code -p capture=...} names another. */
    static final String DEFAULT_CAPTURE = "testdata/captures/ethernet-v4.pcap";
    /**
     * The {@code -p capture=...} value that replays a synthetic capture instead: 200 TCP and 200
     * MPTCP conversations with {@code bench/generate}'s defaults, seed 1 (loss, reordering,
     * reinjections, v0 and v1).
     */
    static final String GENERATED = "generated";
    /**
     * The {@code -p capture=...} value that replays a crowded synthetic capture: 3000 TCP and 3000
     * MPTCP conversations of one short exchange each (no bulk transfer, 5 kB answers), all in
     * progress at once, seed 4: as on a proxy, a packet's state is rarely in the caches.
     */
    static final String CROWDED = "crowded";
    /** The tracker's idle timeout, as {@code analyze} has it by default (300 s). */
    static final long IDLE_TIMEOUT_NANOS = 300_000_000_000L;

    private static final long REPLAY_GAP_NANOS = IDLE_TIMEOUT_NANOS + 1_000_000_000L;
    private static final int FILE_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int SNAP_LENGTH = 262_144;

    private final UnsafeBuffer buffer;
    private final int records;
    private final int tcpRecords;
    private final int sourceRecords;
    private final int replays;
    private final long connections;
    private final long mptcpConnections;

    private SyntheticCapture(final UnsafeBuffer buffer, final int records, final int tcpRecords,
        final int sourceRecords, final int replays, final long connections, final long mptcpConnections)
    {
        this.mptcpConnections = mptcpConnections;
        this.buffer = buffer;
        this.records = records;
        this.tcpRecords = tcpRecords;
        this.sourceRecords = sourceRecords;
        this.replays = replays;
        this.connections = connections;
    }

    /** The whole pcap file, header included, in one off-heap buffer. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int records()
    {
        return records;
    }

    int tcpRecords()
    {
        return tcpRecords;
    }

    long connections()
    {
        return connections;
    }

    void writeTo(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer bytes = buffer.byteBuffer().duplicate();
            bytes.clear();
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
        }
    }

    @Override
    public String toString()
    {
        return "synthetic capture: " + records + " packets (" + tcpRecords + " TCP), " + buffer.capacity() +
            " bytes, " + replays + " replays of " + sourceRecords + " packets, " + connections + " TCP and " +
            mptcpConnections + " MPTCP connections";
    }

    /**
     * @param capture a capture path, absolute or relative to the working directory or one of its
     *                parents (JMH may run from the repository root or from {@code bench/}); or
     *                {@value #GENERATED} or {@value #CROWDED} for a capture the generator writes now.
     */
    static Path locate(final String capture) throws IOException
    {
        if (GENERATED.equals(capture))
        {
            return generated("--tcp", "200", "--mptcp", "200");
        }
        if (CROWDED.equals(capture))
        {
            return generated("--tcp", "3000", "--mptcp", "3000", "--concurrency", "6000", "--rounds", "1",
                "--response-bytes", "5000", "--bulk-share", "0", "--seed", "4");
        }
        final Path path = Path.of(capture);
        if (path.isAbsolute())
        {
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve(path)))
            {
                return dir.resolve(path);
            }
        }
        throw new IllegalArgumentException("capture not found from " + Path.of("").toAbsolutePath() + ": " + capture);
    }

    private static Path generated(final String... options) throws IOException
    {
        final Path file = Files.createTempFile("mptcpstat-bench-generated-", ".pcap");
        file.toFile().deleteOnExit();
        final String[] args = new String[options.length + 2];
        args[0] = file.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = "--no-truth";
        final StringWriter problem = new StringWriter();
        if (CaptureGenerator.run(args, new PrintWriter(new StringWriter()), new PrintWriter(problem)) != 0)
        {
            throw new IOException("cannot generate a capture: " + problem.toString().strip());
        }
        return file;
    }

    /**
     * @param count        packets wanted.
     * @param countTcpOnly when true, {@code count} counts only the packets that decode as TCP (the
     *                     others are still in the file); when false it counts every packet.
     */
    static SyntheticCapture build(final Path source, final int count, final boolean countTcpOnly) throws IOException
    {
        final Source src = Source.load(source);
        // First pass: how many records, and how many bytes.
        long bytes = FILE_HEADER_LENGTH;
        int emitted = 0;
        int tcp = 0;
        int i = 0;
        while ((countTcpOnly ? tcp : emitted) < count)
        {
            final int k = i % src.size();
            bytes += RECORD_HEADER_LENGTH + src.data.get(k).length;
            emitted++;
            tcp += src.tcpOffset[k] >= 0 ? 1 : 0;
            i++;
        }
        if (bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("synthetic capture too large: " + bytes + " bytes");
        }
        final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect((int)bytes));
        final ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        out.putInt(0, src.micros ? MAGIC_MICROS : MAGIC_NANOS, le);
        out.putShort(4, (short)2, le);
        out.putShort(6, (short)4, le);
        out.putInt(8, 0, le);
        out.putInt(12, 0, le);
        out.putInt(16, SNAP_LENGTH, le);
        out.putInt(20, src.linkType, le);
        final long replayLength = src.timestamp[src.size() - 1] - src.timestamp[0] + REPLAY_GAP_NANOS;
        int at = FILE_HEADER_LENGTH;
        for (int n = 0; n < emitted; n++)
        {
            final int k = n % src.size();
            final int replay = n / src.size();
            final long time = src.timestamp[k] + replay * replayLength;
            final byte[] data = src.data.get(k);
            out.putInt(at, (int)(time / 1_000_000_000L), le);
            out.putInt(at + 4, (int)(src.micros ? time % 1_000_000_000L / 1000 : time % 1_000_000_000L), le);
            out.putInt(at + 8, data.length, le);
            out.putInt(at + 12, (int)src.originalLength[k], le);
            at += RECORD_HEADER_LENGTH;
            out.putBytes(at, data);
            final int tcpOffset = src.tcpOffset[k];
            if (tcpOffset >= 0)
            {
                final int delta = replay % 0xFFFF;
                final int up = src.sourceIsLower[k] ? at + tcpOffset : at + tcpOffset + 2;
                final int down = src.sourceIsLower[k] ? at + tcpOffset + 2 : at + tcpOffset;
                out.putShort(up, (short)onesAdd(out.getShort(up, ByteOrder.BIG_ENDIAN) & 0xFFFF, delta),
                    ByteOrder.BIG_ENDIAN);
                out.putShort(down, (short)onesAdd(out.getShort(down, ByteOrder.BIG_ENDIAN) & 0xFFFF, ~delta & 0xFFFF),
                    ByteOrder.BIG_ENDIAN);
            }
            at += data.length;
        }
        final int replays = (emitted + src.size() - 1) / src.size();
        final long[] merged = countConnections(out, 0);
        final long[] separate = countConnections(out, src.size());
        if (merged[0] != separate[0] || merged[1] != separate[1])
        {
            throw new IllegalStateException("replays are not kept apart: " + merged[0] + " TCP and " + merged[1] +
                " MPTCP connections in the synthetic capture, " + separate[0] + " and " + separate[1] +
                " when its replays are tracked one by one");
        }
        return new SyntheticCapture(out, emitted, tcp, src.size(), replays, merged[0], merged[1]);
    }

    /**
     * @param replayLength records per replay: fresh trackers start at each replay; 0 for one
     *                     tracker over everything.
     * @return TCP connections, MPTCP connections.
     */
    private static long[] countConnections(final UnsafeBuffer capture, final int replayLength) throws IOException
    {
        final PacketRecord record = new PacketRecord();
        final PacketDecoder decoder = new PacketDecoder();
        final TcpPacket packet = new TcpPacket();
        final NoopListener listener = new NoopListener();
        final long[] connections = new long[2];
        MptcpTracker mptcp = new MptcpTracker(InterfaceClassifier.none(), listener);
        TcpTracker tracker = newTracker(listener, mptcp);
        try (CaptureReader reader = new PcapReader(new MemoryCaptureSource(capture)))
        {
            while (reader.next(record))
            {
                if (replayLength > 0 && record.frameNumber() > 1 && (record.frameNumber() - 1) % replayLength == 0)
                {
                    tracker.finishAll();
                    connections[0] += tracker.connections();
                    connections[1] += mptcp.connections();
                    mptcp = new MptcpTracker(InterfaceClassifier.none(), listener);
                    tracker = newTracker(listener, mptcp);
                }
                if (decoder.decode(record, packet) == DecodeStatus.TCP)
                {
                    tracker.onPacket(packet);
                }
            }
            if (reader.fault() != null)
            {
                throw new IllegalStateException("synthetic capture unreadable: " + reader.fault());
            }
        }
        tracker.finishAll();
        connections[0] += tracker.connections();
        connections[1] += mptcp.connections();
        return connections;
    }

    /** A tracker set up as {@code analyze} sets it up by default, reporting to a listener that writes nothing. */
    static TcpTracker newTracker()
    {
        final NoopListener listener = new NoopListener();
        return newTracker(listener, new MptcpTracker(InterfaceClassifier.none(), listener));
    }

    /**
     * The TCP tracker, with the MPTCP tracker and the SOCKS sniffer it feeds, as {@code analyze}
     * builds them without options (no proxy prefixes, no interface classes, no shadowsocks table).
     */
    static TcpTracker newTracker(final TcpConnectionListener tcpListener, final MptcpListener mptcpListener)
    {
        return newTracker(tcpListener, new MptcpTracker(InterfaceClassifier.none(), mptcpListener));
    }

    private static TcpTracker newTracker(final TcpConnectionListener tcpListener, final MptcpTracker mptcp)
    {
        return new TcpTracker(IDLE_TIMEOUT_NANOS, AddressPrefixes.none(), tcpListener, mptcp, new SocksSniffer(null));
    }

    /** 16-bit one's complement sum: adding d to one word and -d to another keeps a checksum valid. */
    private static int onesAdd(final int a, final int b)
    {
        final int sum = a + b;
        return ((sum & 0xFFFF) + (sum >>> 16)) & 0xFFFF;
    }

    /** The records of the committed capture, with where each TCP header is. */
    private static final class Source
    {
        final List<byte[]> data = new ArrayList<>();
        long[] timestamp = new long[1024];
        long[] originalLength = new long[1024];
        int[] tcpOffset = new int[1024];
        boolean[] sourceIsLower = new boolean[1024];
        int linkType = -1;
        boolean micros;

        int size()
        {
            return data.size();
        }

        static Source load(final Path path) throws IOException
        {
            final Source src = new Source();
            final PacketRecord record = new PacketRecord();
            final PacketDecoder decoder = new PacketDecoder();
            final TcpPacket packet = new TcpPacket();
            try (CaptureReader reader = CaptureReaders.open(path))
            {
                while (reader.next(record))
                {
                    if (src.linkType == -1)
                    {
                        src.linkType = record.linkType();
                    }
                    else if (src.linkType != record.linkType())
                    {
                        throw new IllegalArgumentException(path + ": more than one link type; a pcap file has one");
                    }
                    final int n = src.size();
                    if (n == src.timestamp.length)
                    {
                        src.timestamp = java.util.Arrays.copyOf(src.timestamp, n * 2);
                        src.originalLength = java.util.Arrays.copyOf(src.originalLength, n * 2);
                        src.tcpOffset = java.util.Arrays.copyOf(src.tcpOffset, n * 2);
                        src.sourceIsLower = java.util.Arrays.copyOf(src.sourceIsLower, n * 2);
                    }
                    final byte[] bytes = new byte[record.capturedLength()];
                    record.buffer().getBytes(record.offset(), bytes);
                    src.data.add(bytes);
                    src.timestamp[n] = record.timestampNanos();
                    src.originalLength[n] = record.originalLength();
                    src.tcpOffset[n] = -1;
                    if (decoder.decode(record, packet) == DecodeStatus.TCP)
                    {
                        final int offset = packet.payloadOffset() - packet.tcpHeaderLength() - record.offset();
                        if (offset >= 0 && offset + 4 <= bytes.length)
                        {
                            src.tcpOffset[n] = offset;
                            src.sourceIsLower[n] = compareEndpoints(packet) <= 0;
                        }
                    }
                }
                if (reader.fault() != null)
                {
                    throw new IOException(path + ": " + reader.fault());
                }
                src.micros = reader.timestampDecimals() == 6;
            }
            if (src.size() == 0)
            {
                throw new IllegalArgumentException(path + ": no packets");
            }
            return src;
        }

        /** The order the flow table uses for the endpoints of a connection. */
        private static int compareEndpoints(final TcpPacket packet)
        {
            int c = Long.compareUnsigned(packet.sourceHigh(), packet.destinationHigh());
            if (c == 0)
            {
                c = Long.compareUnsigned(packet.sourceLow(), packet.destinationLow());
            }
            return c != 0 ? c : Integer.compare(packet.sourcePort(), packet.destinationPort());
        }
    }
}
