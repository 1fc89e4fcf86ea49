package org.mptcpstat.flowtable.mptcp;

/** The MPTCP signals reported one row each in {@code mptcp_events}. */
public enum MptcpEventType
{
    ADD_ADDR,
    REMOVE_ADDR,
    MP_PRIO,
    MP_FAIL,
    MP_FASTCLOSE,
    MP_TCPRST,
    DATA_FIN
}
