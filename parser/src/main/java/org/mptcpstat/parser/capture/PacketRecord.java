package org.mptcpstat.parser.capture;

import org.agrona.DirectBuffer;

/**
 * One captured packet as a reader found it: where its bytes are and what the record header said.
 * A reader refills the same instance for every record; the bytes stay valid until the next call
 * to {@link CaptureReader#next(PacketRecord)}.
 */
public final class PacketRecord
{
    DirectBuffer buffer;
    int offset;
    int capturedLength;
    long originalLength;
    long timestampNanos;
    int linkType;
    int interfaceId;
    long frameNumber;

    /** @return buffer holding the packet's captured bytes. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return index in {@link #buffer()} of the first byte of the link-layer header. */
    public int offset()
    {
        return offset;
    }

    /** @return bytes of the packet present in the capture (may be cut by the snap length). */
    public int capturedLength()
    {
        return capturedLength;
    }

    /** @return length of the packet on the wire, as the record header states it. */
    public long originalLength()
    {
        return originalLength;
    }

    /** @return capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos()
    {
        return timestampNanos;
    }

    /** @return the LINKTYPE_ value of the interface the packet was captured on. */
    public int linkType()
    {
        return linkType;
    }

    /** @return pcapng interface index, 0 for pcap. */
    public int interfaceId()
    {
        return interfaceId;
    }

    /** @return 1-based position of the record among the packets of the capture, as tshark counts. */
    public long frameNumber()
    {
        return frameNumber;
    }

    /** Sets every field at once; for readers and for tests that hand-make packets. */
    public PacketRecord set(
        final DirectBuffer buffer,
        final int offset,
        final int capturedLength,
        final long originalLength,
        final long timestampNanos,
        final int linkType,
        final int interfaceId,
        final long frameNumber)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
        this.frameNumber = frameNumber;
        return this;
    }
}
