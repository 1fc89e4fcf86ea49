package org.mptcpstat.flowtable.mptcp;

import java.io.IOException;

/** What the MPTCP tracker reports. Views are valid during the call only. */
public interface MptcpListener
{
    /** The connection's last subflow has finished; its subflows are reported with it. */
    void onConnectionFinished(MptcpConnection connection) throws IOException;

    /**
     * An MPTCP signal: ADD_ADDR (address, port, address ID, echo), REMOVE_ADDR (one event per ID),
     * MP_PRIO (backup, address ID), MP_FAIL (DSN), MP_FASTCLOSE, MP_TCPRST (reason), DATA_FIN (DSN).
     *
     * @param direction 0 when the client sent it, 1 when the server did.
     * @param addressId address ID, or -1.
     * @param ipVersion 4 or 6 when an address is given, else 0.
     * @param port      port, or -1.
     * @param flag      echo (ADD_ADDR), backup (MP_PRIO), transient (MP_TCPRST), else 0.
     * @param value     MP_TCPRST reason, MP_FAIL/DATA_FIN data sequence number, else -1.
     */
    void onEvent(MptcpConnection connection, int subflow, int direction, long timeNanos, MptcpEventType type,
        int addressId, int ipVersion, long addressHigh, long addressLow, int port, int flag, long value) throws IOException;

    /** A mapping resent on another subflow than the one that first sent it. */
    void onReinjection(MptcpConnection connection, int direction, long timeNanos, long dsn, long length,
        int originalSubflow, int newSubflow, long delayNanos) throws IOException;

    /** A run of consecutive new mappings of one direction on one subflow ended. */
    void onBurst(MptcpConnection connection, int direction, int subflow, long startNanos, long durationNanos,
        long bytes, long packets) throws IOException;
}
