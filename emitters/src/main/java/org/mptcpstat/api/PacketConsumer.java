package org.mptcpstat.api;

import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;

/**
 * Where the analysis loop sends the TCP packets it keeps, in capture order: trackers in the
 * caller's thread ({@link CaptureTrackers}), or the workers of a {@link ParallelAnalysis}.
 */
interface PacketConsumer extends AutoCloseable
{
    /** @param record the packet's record, whose bytes stay valid only during the call. */
    void onTcpPacket(PacketRecord record, TcpPacket packet) throws IOException;

    /** The capture has ended: finish every connection. */
    void endOfCapture() throws IOException;

    long connections();

    long mptcpConnections();

    long evictions();

    /** Releases what the consumer holds (threads); the tables stay for the caller to commit or abort. */
    @Override
    void close();
}
