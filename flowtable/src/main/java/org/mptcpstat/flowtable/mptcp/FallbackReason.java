package org.mptcpstat.flowtable.mptcp;

import java.util.Locale;

/** Why an MPTCP connection fell back to plain TCP. */
public enum FallbackReason
{
    NONE,
    /** The MP_CAPABLE SYN was answered by a SYN/ACK without MP_CAPABLE: the server refused MPTCP. */
    SYN_ACK_WITHOUT_MP_CAPABLE,
    /** A DSS mapping with data-level length 0: the sender stopped mapping data (RFC 8684 3.7). */
    INFINITE_MAPPING,
    /** MP_FAIL was sent: a checksum failed and the subflow fell back. */
    MP_FAIL;

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
