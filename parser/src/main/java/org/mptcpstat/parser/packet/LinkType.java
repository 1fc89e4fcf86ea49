package org.mptcpstat.parser.packet;

/** The LINKTYPE_ values (tcpdump.org link-layer header types) that mptcpstat decodes. */
public final class LinkType
{
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int PPP = 9;
    /** DLT_RAW as written by some BSDs; both 12 and 14 appear in real files. */
    public static final int RAW_BSD_12 = 12;
    public static final int RAW_BSD_14 = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType()
    {
    }
}
