package org.mptcpstat.parser.packet;

import org.agrona.DirectBuffer;

/**
 * The decoded view of one TCP segment, refilled by {@link PacketDecoder} for every packet so that
 * decoding allocates nothing. Valid until the next decode.
 * <p>
 * IPv4 addresses are held in the low 32 bits of the {@code *Low} fields with the {@code *High}
 * fields 0, so that both IP versions share one representation for hashing and comparing.
 */
public final class TcpPacket
{
    /** Four SACK blocks fill the 40 option bytes; more cannot fit. */
    public static final int MAX_SACK_BLOCKS = 4;
    /** The smallest MPTCP option is 3 bytes: 40 option bytes hold at most 13. */
    public static final int MAX_MPTCP_OPTIONS = 13;

    long frameNumber;
    long timestampNanos;
    DirectBuffer buffer;

    int ipVersion;
    long sourceHigh;
    long sourceLow;
    long destinationHigh;
    long destinationLow;
    int ttl;
    int ipLength;

    int sourcePort;
    int destinationPort;
    long sequenceNumber;
    long acknowledgmentNumber;
    int flags;
    int window;
    int tcpHeaderLength;
    int payloadLength;
    int payloadOffset;
    int capturedPayloadLength;
    boolean truncated;
    boolean firstFragment;
    boolean optionsMalformed;

    int mss;
    int windowScale;
    int sackPermittedOptions;
    boolean hasTimestamps;
    long timestampValue;
    long timestampEcho;
    int sackBlockCount;
    final long[] sackLeft = new long[MAX_SACK_BLOCKS];
    final long[] sackRight = new long[MAX_SACK_BLOCKS];
    int mptcpOptionCount;
    final int[] mptcpOptionOffset = new int[MAX_MPTCP_OPTIONS];
    final int[] mptcpOptionLength = new int[MAX_MPTCP_OPTIONS];

    void resetOptions()
    {
        mss = -1;
        windowScale = -1;
        sackPermittedOptions = 0;
        hasTimestamps = false;
        timestampValue = 0;
        timestampEcho = 0;
        sackBlockCount = 0;
        mptcpOptionCount = 0;
        optionsMalformed = false;
    }

    public long frameNumber()
    {
        return frameNumber;
    }

    public long timestampNanos()
    {
        return timestampNanos;
    }

    /** @return the buffer that holds the packet; option offsets index into it. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int ipVersion()
    {
        return ipVersion;
    }

    public long sourceHigh()
    {
        return sourceHigh;
    }

    public long sourceLow()
    {
        return sourceLow;
    }

    public long destinationHigh()
    {
        return destinationHigh;
    }

    public long destinationLow()
    {
        return destinationLow;
    }

    /** @return IPv4 TTL or IPv6 hop limit. */
    public int ttl()
    {
        return ttl;
    }

    /** @return IP datagram length from the IP header: headers, extension headers and payload. */
    public int ipLength()
    {
        return ipLength;
    }

    public int sourcePort()
    {
        return sourcePort;
    }

    public int destinationPort()
    {
        return destinationPort;
    }

    public long sequenceNumber()
    {
        return sequenceNumber;
    }

    public long acknowledgmentNumber()
    {
        return acknowledgmentNumber;
    }

    /** @return flags as {@link TcpHeader}'s constants name them. */
    public int flags()
    {
        return flags;
    }

    public boolean hasFlag(final int flag)
    {
        return (flags & flag) != 0;
    }

    /** @return window field as sent, unscaled. */
    public int window()
    {
        return window;
    }

    public int tcpHeaderLength()
    {
        return tcpHeaderLength;
    }

    /** @return payload bytes the segment carried on the wire, from the IP length fields. */
    public int payloadLength()
    {
        return payloadLength;
    }

    /** @return index in {@link #buffer()} of the first payload byte. */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    /** @return how many of the payload bytes are present in the capture. */
    public int capturedPayloadLength()
    {
        return capturedPayloadLength;
    }

    /** @return true when the capture holds less of the packet than the IP header announces. */
    public boolean truncated()
    {
        return truncated;
    }

    /**
     * @return true for the first fragment of a fragmented datagram: the header is here, but the
     * payload length describes this fragment only.
     */
    public boolean firstFragment()
    {
        return firstFragment;
    }

    /** @return true when option walking stopped at an option with an impossible length. */
    public boolean optionsMalformed()
    {
        return optionsMalformed;
    }

    /** @return announced MSS, or -1 without the option. */
    public int mss()
    {
        return mss;
    }

    /** @return window scale shift, or -1 without the option. */
    public int windowScale()
    {
        return windowScale;
    }

    public boolean sackPermitted()
    {
        return sackPermittedOptions > 0;
    }

    /** @return how many SACK-permitted options the header holds (normally 0 or 1). */
    public int sackPermittedOptions()
    {
        return sackPermittedOptions;
    }

    public boolean hasTimestamps()
    {
        return hasTimestamps;
    }

    public long timestampValue()
    {
        return timestampValue;
    }

    public long timestampEcho()
    {
        return timestampEcho;
    }

    public int sackBlockCount()
    {
        return sackBlockCount;
    }

    public long sackLeft(final int block)
    {
        return sackLeft[block];
    }

    public long sackRight(final int block)
    {
        return sackRight[block];
    }

    public int mptcpOptionCount()
    {
        return mptcpOptionCount;
    }

    /** @return index in {@link #buffer()} of the kind byte of the n-th MPTCP option. */
    public int mptcpOptionOffset(final int n)
    {
        return mptcpOptionOffset[n];
    }

    /** @return the length byte of the n-th MPTCP option (already checked to fit the header). */
    public int mptcpOptionLength(final int n)
    {
        return mptcpOptionLength[n];
    }
}
