package org.mptcpstat.flowtable.mptcp;

import java.io.IOException;

/**
 * What the MPTCP tracker reports. Views are valid during the call only.
 * <p>
 * Only {@link #onConnectionFinished} must be written (a lambda will do); the other calls do
 * nothing unless overridden. {@code onMapping}, {@code onData} and {@code onDataAck} come per
 * packet: whoever overrides them is on the hot path, so must not allocate.
 */
public interface MptcpListener
{
    /**
     * A new MPTCP connection: the tracker has just made a TCP connection its subflow 0, before
     * reporting anything else of it. Connections are started in the order of their ids. The
     * subflow is {@code initial()} when an MP_CAPABLE started the connection; otherwise the
     * capture missed the handshake (a join with an unknown token, a DSS first). Keys may still
     * be unknown. Does nothing unless overridden: files numbered in connection order need it.
     */
    default void onConnectionStarted(final MptcpConnection connection) throws IOException
    {
    }

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
    default void onEvent(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final MptcpEventType type, final int addressId, final int ipVersion,
        final long addressHigh, final long addressLow, final int port, final int flag, final long value)
        throws IOException
    {
    }

    /** A mapping resent on another subflow than the one that first sent it. */
    default void onReinjection(final MptcpConnection connection, final int direction, final long timeNanos,
        final long dsn, final long length, final int originalSubflow, final int newSubflow, final long delayNanos)
        throws IOException
    {
    }

    /** A run of consecutive new mappings of one direction on one subflow ended. */
    default void onBurst(final MptcpConnection connection, final int direction, final int subflow,
        final long startNanos, final long durationNanos, final long bytes, final long packets) throws IOException
    {
    }

    /**
     * A DSS mapping (or the implicit mapping of data on an MP_CAPABLE third ACK), on every packet
     * that carries one.
     *
     * @param direction  0 for data from the client, 1 from the server.
     * @param dsn        first data sequence number, expanded to 64 bits.
     * @param ssn        first subflow sequence number, relative to the subflow's SYN.
     * @param length     data-level length (a DATA_FIN counts one).
     * @param repeated   whether it repeats a mapping already seen on this subflow (GSO segments,
     *                   TCP retransmissions): only new mappings are counted in the tables.
     */
    default void onMapping(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dsn, final long ssn, final long length, final boolean dataFin,
        final boolean repeated) throws IOException
    {
    }

    /**
     * A packet's payload placed in its direction's data sequence space by the mapping in force.
     *
     * @param start          first data sequence number carried.
     * @param end            one past the last.
     * @param reinjectedBytes of those, bytes another subflow had carried last.
     */
    default void onData(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long start, final long end, final long reinjectedBytes) throws IOException
    {
    }

    /**
     * A DATA_ACK, expanded to 64 bits.
     *
     * @param direction the direction of the data it acknowledges (0: the client's data).
     * @param subflow   the subflow whose packet carried it.
     * @param rttMicros the data-level RTT sample it gave, or -1.
     */
    default void onDataAck(final MptcpConnection connection, final int subflow, final int direction,
        final long timeNanos, final long dataAck, final long rttMicros) throws IOException
    {
    }
}
