package org.mptcpstat.flowtable;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over one connection's slot in the {@link TcpFlowTable}: the connection-wide fields
 * below, then one block of {@link TcpDirectionField}s per direction. The tracker writes through
 * it; emitters read a finished connection through it.
 * <pre>
 * | table header (64) | connection fields (8 bytes each) | a-to-b block | b-to-a block |
 * </pre>
 */
public final class TcpConnection
{
    /** The table's direction constants: 0 = from endpoint a to b, 1 = from b to a. */
    public static final int A_TO_B = TcpFlowTable.A_TO_B;
    public static final int B_TO_A = TcpFlowTable.B_TO_A;

    static final int HANDSHAKE_SYN = 1;
    static final int HANDSHAKE_SYN_ACK = 1 << 1;
    static final int HANDSHAKE_ACK = 1 << 2;
    static final int CLOSED = 1 << 3;
    static final int FIN_A_TO_B = 1 << 4;
    static final int FIN_B_TO_A = 1 << 5;

    private static final int CONN_ID_OFFSET = TcpFlowTable.HEADER_LENGTH;
    private static final int FIRST_TIME_OFFSET = CONN_ID_OFFSET + 8;
    private static final int LAST_TIME_OFFSET = FIRST_TIME_OFFSET + 8;
    private static final int CLIENT_DIRECTION_OFFSET = LAST_TIME_OFFSET + 8;
    private static final int STATE_OFFSET = CLIENT_DIRECTION_OFFSET + 8;
    private static final int END_REASON_OFFSET = STATE_OFFSET + 8;
    private static final int SYN_TIME_OFFSET = END_REASON_OFFSET + 8;
    private static final int SYN_ACK_TIME_OFFSET = SYN_TIME_OFFSET + 8;
    private static final int HANDSHAKE_ACK_TIME_OFFSET = SYN_ACK_TIME_OFFSET + 8;
    private static final int FIRST_FRAME_OFFSET = HANDSHAKE_ACK_TIME_OFFSET + 8;
    private static final int SOCKS_STATE_OFFSET = FIRST_FRAME_OFFSET + 8;
    private static final int SOCKS_ADDRESS_TYPE_OFFSET = SOCKS_STATE_OFFSET + 8;
    private static final int SOCKS_HIGH_OFFSET = SOCKS_ADDRESS_TYPE_OFFSET + 8;
    private static final int SOCKS_LOW_OFFSET = SOCKS_HIGH_OFFSET + 8;
    private static final int SOCKS_PORT_OFFSET = SOCKS_LOW_OFFSET + 8;
    private static final int DIRECTIONS_OFFSET = SOCKS_PORT_OFFSET + 8;

    private static final int SUBFLOW_OFFSET = DIRECTIONS_OFFSET + 2 * TcpDirectionField.BLOCK_LENGTH;

    /** Bytes of a connection's slot, table header included. */
    public static final int SLOT_LENGTH = SUBFLOW_OFFSET + SubflowField.BLOCK_LENGTH;

    private TcpFlowTable table;
    private UnsafeBuffer buffer;
    private int slot;
    private int base;

    /** Points at a slot; valid until the table next grows (any insert). */
    public TcpConnection wrap(final TcpFlowTable table, final int slot)
    {
        // The same table nearly every time: not storing it again spares G1's write barrier.
        if (this.table != table || this.buffer != table.buffer())
        {
            this.table = table;
            this.buffer = table.buffer();
        }
        this.slot = slot;
        this.base = table.offset(slot);
        return this;
    }

    public int slot()
    {
        return slot;
    }

    public long get(final int direction, final TcpDirectionField field)
    {
        return getAt(directionOffset(direction, field));
    }

    void put(final int direction, final TcpDirectionField field, final long value)
    {
        putAt(directionOffset(direction, field), value);
    }

    void add(final int direction, final TcpDirectionField field, final long delta)
    {
        final int offset = directionOffset(direction, field);
        putAt(offset, getAt(offset) + delta);
    }

    void min(final int direction, final TcpDirectionField field, final long value)
    {
        final int offset = directionOffset(direction, field);
        if (value < getAt(offset))
        {
            putAt(offset, value);
        }
    }

    void max(final int direction, final TcpDirectionField field, final long value)
    {
        final int offset = directionOffset(direction, field);
        if (value > getAt(offset))
        {
            putAt(offset, value);
        }
    }

    /** @return a field of the connection's role as an MPTCP subflow. */
    public long get(final SubflowField field)
    {
        return getAt(base + SUBFLOW_OFFSET + field.offset());
    }

    public void put(final SubflowField field, final long value)
    {
        putAt(base + SUBFLOW_OFFSET + field.offset(), value);
    }

    private int directionOffset(final int direction, final TcpDirectionField field)
    {
        return base + DIRECTIONS_OFFSET + direction * TcpDirectionField.BLOCK_LENGTH + field.offset();
    }

    /** @return the connection's number within the trace, in order of first packet, from 0. */
    public long connId()
    {
        return getAt(base + CONN_ID_OFFSET);
    }

    void connId(final long id)
    {
        putAt(base + CONN_ID_OFFSET, id);
    }

    /** @return frame number of the connection's first packet. */
    public long firstFrame()
    {
        return getAt(base + FIRST_FRAME_OFFSET);
    }

    void firstFrame(final long frame)
    {
        putAt(base + FIRST_FRAME_OFFSET, frame);
    }

    public long firstTime()
    {
        return getAt(base + FIRST_TIME_OFFSET);
    }

    void firstTime(final long nanos)
    {
        putAt(base + FIRST_TIME_OFFSET, nanos);
    }

    public long lastTime()
    {
        return getAt(base + LAST_TIME_OFFSET);
    }

    void lastTime(final long nanos)
    {
        putAt(base + LAST_TIME_OFFSET, nanos);
    }

    /** @return the direction in which the client sends. */
    public int clientDirection()
    {
        return (int)getAt(base + CLIENT_DIRECTION_OFFSET);
    }

    void clientDirection(final int direction)
    {
        putAt(base + CLIENT_DIRECTION_OFFSET, direction);
    }

    /** @return the direction in which the server sends. */
    public int serverDirection()
    {
        return 1 - clientDirection();
    }

    int state()
    {
        return (int)getAt(base + STATE_OFFSET);
    }

    boolean hasState(final int bits)
    {
        return (state() & bits) == bits;
    }

    void addState(final int bits)
    {
        putAt(base + STATE_OFFSET, state() | bits);
    }

    /** @return true when SYN, SYN/ACK and the ACK that completes the handshake were all seen. */
    public boolean handshakeSeen()
    {
        return hasState(HANDSHAKE_SYN | HANDSHAKE_SYN_ACK | HANDSHAKE_ACK);
    }

    public EndReason endReason()
    {
        return EndReason.of((int)getAt(base + END_REASON_OFFSET));
    }

    void endReason(final EndReason reason)
    {
        putAt(base + END_REASON_OFFSET, reason.ordinal());
    }

    /** @return time of the client's first SYN, or {@link Long#MIN_VALUE}. */
    public long synTime()
    {
        return getAt(base + SYN_TIME_OFFSET);
    }

    void synTime(final long nanos)
    {
        putAt(base + SYN_TIME_OFFSET, nanos);
    }

    public long synAckTime()
    {
        return getAt(base + SYN_ACK_TIME_OFFSET);
    }

    void synAckTime(final long nanos)
    {
        putAt(base + SYN_ACK_TIME_OFFSET, nanos);
    }

    public long handshakeAckTime()
    {
        return getAt(base + HANDSHAKE_ACK_TIME_OFFSET);
    }

    void handshakeAckTime(final long nanos)
    {
        putAt(base + HANDSHAKE_ACK_TIME_OFFSET, nanos);
    }

    public int ipVersion()
    {
        return table.ipVersion(slot);
    }

    /** @return the SOCKS sniffer's state word for the client's stream. */
    long socksState()
    {
        return getAt(base + SOCKS_STATE_OFFSET);
    }

    void socksState(final long state)
    {
        putAt(base + SOCKS_STATE_OFFSET, state);
    }

    void socksDestination(final int ipVersion, final long high, final long low, final int port)
    {
        putAt(base + SOCKS_ADDRESS_TYPE_OFFSET, ipVersion);
        putAt(base + SOCKS_HIGH_OFFSET, high);
        putAt(base + SOCKS_LOW_OFFSET, low);
        putAt(base + SOCKS_PORT_OFFSET, port);
    }

    /** @return 4 or 6 when the client asked a SOCKS proxy for an IP destination, else 0. */
    public int socksIpVersion()
    {
        return (int)getAt(base + SOCKS_ADDRESS_TYPE_OFFSET);
    }

    public long socksAddressHigh()
    {
        return getAt(base + SOCKS_HIGH_OFFSET);
    }

    public long socksAddressLow()
    {
        return getAt(base + SOCKS_LOW_OFFSET);
    }

    public int socksPort()
    {
        return (int)getAt(base + SOCKS_PORT_OFFSET);
    }

    /** @return the high 64 bits of the address of the endpoint that sends in {@code direction}. */
    public long senderAddressHigh(final int direction)
    {
        return table.addressHigh(slot, direction);
    }

    public long senderAddressLow(final int direction)
    {
        return table.addressLow(slot, direction);
    }

    public int senderPort(final int direction)
    {
        return table.port(slot, direction);
    }

    /**
     * Reads the slot memory by raw address rather than through the buffer's own accessors, whose
     * base object is a field the JIT cannot prove null: it then cannot tell their stores from
     * stores to Java objects, and reloads this flyweight's fields after each one. The buffer is read at every
     * access, so the flyweight follows the table when it grows; Agrona's bounds check stays, when
     * enabled (tests).
     */
    private long getAt(final int offset)
    {
        if (DirectBuffer.SHOULD_BOUNDS_CHECK)
        {
            buffer.boundsCheck(offset, Long.BYTES);
        }
        return UnsafeApi.getLong(buffer.addressOffset() + offset);
    }

    private void putAt(final int offset, final long value)
    {
        if (DirectBuffer.SHOULD_BOUNDS_CHECK)
        {
            buffer.boundsCheck(offset, Long.BYTES);
        }
        UnsafeApi.putLong(buffer.addressOffset() + offset, value);
    }
}
