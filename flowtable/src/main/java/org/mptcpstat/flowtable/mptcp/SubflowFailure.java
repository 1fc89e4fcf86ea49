package org.mptcpstat.flowtable.mptcp;

import java.util.Locale;

/** Why a subflow never became established. */
public enum SubflowFailure
{
    NONE,
    /** Reset before it was established (the MP_TCPRST reason, if any, is reported beside). */
    RST,
    /** The SYN got no SYN/ACK in the capture. */
    NO_SYN_ACK,
    /** The SYN/ACK got no third ACK in the capture. */
    NO_THIRD_ACK,
    /** The third ACK was never acknowledged by the receiver. */
    NO_FOURTH_ACK,
    /** The MP_JOIN named a token of no connection in the capture. */
    UNKNOWN_TOKEN;

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
