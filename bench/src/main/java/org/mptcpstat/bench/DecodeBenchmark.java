package org.mptcpstat.bench;

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
 * Reading and decoding, per packet: one invocation walks every record of an in-memory pcap of
 * exactly {@link SyntheticCapture#PACKETS} packets (a committed capture replayed) with the
 * production {@link PcapReader}, and, in {@link #readAndDecode}, decodes each with
 * {@link PacketDecoder} down to the TCP options. {@link #read} alone gives the reader's share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// The launcher's setting: Agrona's per-access bounds checks off (the parser checks reads itself).
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dagrona.disable.bounds.checks=true" })
public class DecodeBenchmark
{
    @Param(SyntheticCapture.DEFAULT_CAPTURE)
    public String capture;

    private MemoryCaptureSource source;
    private final PacketRecord record = new PacketRecord();
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();
    /** TCP packets the last {@link #readAndDecode} found. */
    private long tcpPackets;

    @Setup(Level.Trial)
    public void setup() throws IOException
    {
        final SyntheticCapture synthetic =
            SyntheticCapture.build(SyntheticCapture.locate(capture), SyntheticCapture.PACKETS, false);
        System.out.println(synthetic);
        source = new MemoryCaptureSource(synthetic.buffer());
        readAndDecode();
        if (tcpPackets != synthetic.tcpRecords())
        {
            throw new IllegalStateException("decoded " + tcpPackets + " TCP packets, expected " +
                synthetic.tcpRecords());
        }
    }

    @Benchmark
    @OperationsPerInvocation(SyntheticCapture.PACKETS)
    public long read() throws IOException
    {
        long sum = 0;
        try (CaptureReader reader = new PcapReader(source.rewind()))
        {
            while (reader.next(record))
            {
                sum += record.capturedLength() + record.timestampNanos();
            }
        }
        return sum;
    }

    /** @return a checksum of what was decoded. */
    @Benchmark
    @OperationsPerInvocation(SyntheticCapture.PACKETS)
    public long readAndDecode() throws IOException
    {
        long sum = 0;
        long tcp = 0;
        try (CaptureReader reader = new PcapReader(source.rewind()))
        {
            while (reader.next(record))
            {
                if (decoder.decode(record, packet) == DecodeStatus.TCP)
                {
                    tcp++;
                    sum += packet.sequenceNumber() + packet.payloadLength() + packet.sourcePort() +
                        packet.mptcpOptionCount() + packet.sackBlockCount();
                }
            }
        }
        tcpPackets = tcp;
        return sum;
    }
}
