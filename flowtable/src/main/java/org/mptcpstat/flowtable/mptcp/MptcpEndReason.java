package org.mptcpstat.flowtable.mptcp;

import java.util.Locale;

/** How an MPTCP connection ended. */
public enum MptcpEndReason
{
    DATA_FIN,
    FASTCLOSE,
    RST,
    TIMEOUT,
    END_OF_CAPTURE;

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
