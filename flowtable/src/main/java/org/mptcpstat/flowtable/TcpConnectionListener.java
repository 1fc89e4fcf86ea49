package org.mptcpstat.flowtable;

import java.io.IOException;

/**
 * What the tracker reports: finished connections, and events as they happen. Only
 * {@link #onConnectionFinished} must be written, so a lambda will do.
 */
public interface TcpConnectionListener
{
    /**
     * The capture's first packet, of any protocol, was read: called by the {@code Analyzer} once,
     * before anything else, when the capture has a packet. Output named after the capture's start
     * (tstat's folders) needs it, and non-TCP packets never reach the tracker.
     */
    default void onCaptureStart(final long firstPacketNanos) throws IOException
    {
    }

    /**
     * A connection is finished; the view is valid during the call only.
     *
     * @param extras the connection's RTT histograms and ACK-size counts.
     */
    void onConnectionFinished(TcpConnection connection, ConnectionExtras extras) throws IOException;

    /**
     * A retransmission was seen.
     *
     * @param direction         direction of the retransmitting packet.
     * @param sequenceNumber    raw sequence number of the packet.
     * @param bytes             sequence numbers it resent (SYN and FIN count one each).
     * @param sinceFirstNanos   time since the first transmission of its first resent segment.
     * @param sincePreviousNanos time since the previous transmission of that segment.
     * @param sinceLastPacketNanos time since the previous packet in the same direction.
     */
    default void onRetransmission(
        TcpConnection connection,
        int direction,
        long timeNanos,
        long sequenceNumber,
        long bytes,
        RetransmissionClass retransmissionClass,
        long sinceFirstNanos,
        long sincePreviousNanos,
        long sinceLastPacketNanos) throws IOException
    {
    }
}
