package org.mptcpstat.parser.capture;

/** Bounds that tell a corrupt record header from a real one. */
final class Limits
{
    /**
     * The largest packet libpcap and Wireshark accept (256 KiB); anything bigger is a corrupt
     * length field, not a packet.
     */
    static final int MAX_CAPTURED_LENGTH = 262_144;

    private Limits()
    {
    }
}
