package org.mptcpstat.parser.packet;

/** What {@link PacketDecoder#decode} made of a record. */
public enum DecodeStatus
{
    /** A TCP segment; the {@link TcpPacket} view is filled. */
    TCP,
    /** A well-formed packet that carries no TCP (ARP, UDP, ICMP, ...). */
    NOT_TCP,
    /** A non-first IP fragment: its bytes belong to a segment whose header is elsewhere. */
    FRAGMENT,
    /** The capture stops before the end of the TCP header (short snap length). */
    TRUNCATED,
    /** Header fields contradict each other or the record's length. */
    MALFORMED,
    /** A link type mptcpstat does not decode. */
    UNSUPPORTED_LINK_TYPE
}
