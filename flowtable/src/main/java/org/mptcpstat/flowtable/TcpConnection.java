package org.mptcpstat.flowtable;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

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

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

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
        return buffer.getLong(directionOffset(direction, field), ORDER);
    }

    void put(final int direction, final TcpDirectionField field, final long value)
    {
        buffer.putLong(directionOffset(direction, field), value, ORDER);
    }

    void add(final int direction, final TcpDirectionField field, final long delta)
    {
        final int offset = directionOffset(direction, field);
        buffer.putLong(offset, buffer.getLong(offset, ORDER) + delta, ORDER);
    }

    void min(final int direction, final TcpDirectionField field, final long value)
    {
        final int offset = directionOffset(direction, field);
        if (value < buffer.getLong(offset, ORDER))
        {
            buffer.putLong(offset, value, ORDER);
        }
    }

    void max(final int direction, final TcpDirectionField field, final long value)
    {
        final int offset = directionOffset(direction, field);
        if (value > buffer.getLong(offset, ORDER))
        {
            buffer.putLong(offset, value, ORDER);
        }
    }

    /** @return a field of the connection's role as an MPTCP subflow. */
    public long get(final SubflowField field)
    {
        return buffer.getLong(base + SUBFLOW_OFFSET + field.offset(), ORDER);
    }

    public void put(final SubflowField field, final long value)
    {
        buffer.putLong(base + SUBFLOW_OFFSET + field.offset(), value, ORDER);
    }

    private int directionOffset(final int direction, final TcpDirectionField field)
    {
        return base + DIRECTIONS_OFFSET + direction * TcpDirectionField.BLOCK_LENGTH + field.offset();
    }

    /** @return the connection's number within the trace, in order of first packet, from 0. */
    public long connId()
    {
        return buffer.getLong(base + CONN_ID_OFFSET, ORDER);
    }

    void connId(final long id)
    {
        buffer.putLong(base + CONN_ID_OFFSET, id, ORDER);
    }

    /** @return frame number of the connection's first packet. */
    public long firstFrame()
    {
        return buffer.getLong(base + FIRST_FRAME_OFFSET, ORDER);
    }

    void firstFrame(final long frame)
    {
        buffer.putLong(base + FIRST_FRAME_OFFSET, frame, ORDER);
    }

    public long firstTime()
    {
        return buffer.getLong(base + FIRST_TIME_OFFSET, ORDER);
    }

    void firstTime(final long nanos)
    {
        buffer.putLong(base + FIRST_TIME_OFFSET, nanos, ORDER);
    }

    public long lastTime()
    {
        return buffer.getLong(base + LAST_TIME_OFFSET, ORDER);
    }

    void lastTime(final long nanos)
    {
        buffer.putLong(base + LAST_TIME_OFFSET, nanos, ORDER);
    }

    /** @return the direction in which the client sends. */
    public int clientDirection()
    {
        return (int)buffer.getLong(base + CLIENT_DIRECTION_OFFSET, ORDER);
    }

    void clientDirection(final int direction)
    {
        buffer.putLong(base + CLIENT_DIRECTION_OFFSET, direction, ORDER);
    }

    /** @return the direction in which the server sends. */
    public int serverDirection()
    {
        return 1 - clientDirection();
    }

    int state()
    {
        return (int)buffer.getLong(base + STATE_OFFSET, ORDER);
    }

    boolean hasState(final int bits)
    {
        return (state() & bits) == bits;
    }

    void addState(final int bits)
    {
        buffer.putLong(base + STATE_OFFSET, state() | bits, ORDER);
    }

    /** @return true when SYN, SYN/ACK and the ACK that completes the handshake were all seen. */
    public boolean handshakeSeen()
    {
        return hasState(HANDSHAKE_SYN | HANDSHAKE_SYN_ACK | HANDSHAKE_ACK);
    }

    public EndReason endReason()
    {
        return EndReason.of((int)buffer.getLong(base + END_REASON_OFFSET, ORDER));
    }

    void endReason(final EndReason reason)
    {
        buffer.putLong(base + END_REASON_OFFSET, reason.ordinal(), ORDER);
    }

    /** @return time of the client's first SYN, or {@link Long#MIN_VALUE}. */
    public long synTime()
    {
        return buffer.getLong(base + SYN_TIME_OFFSET, ORDER);
    }

    void synTime(final long nanos)
    {
        buffer.putLong(base + SYN_TIME_OFFSET, nanos, ORDER);
    }

    public long synAckTime()
    {
        return buffer.getLong(base + SYN_ACK_TIME_OFFSET, ORDER);
    }

    void synAckTime(final long nanos)
    {
        buffer.putLong(base + SYN_ACK_TIME_OFFSET, nanos, ORDER);
    }

    public long handshakeAckTime()
    {
        return buffer.getLong(base + HANDSHAKE_ACK_TIME_OFFSET, ORDER);
    }

    void handshakeAckTime(final long nanos)
    {
        buffer.putLong(base + HANDSHAKE_ACK_TIME_OFFSET, nanos, ORDER);
    }

    public int ipVersion()
    {
        return table.ipVersion(slot);
    }

    /** @return the SOCKS sniffer's state word for the client's stream. */
    long socksState()
    {
        return buffer.getLong(base + SOCKS_STATE_OFFSET, ORDER);
    }

    void socksState(final long state)
    {
        buffer.putLong(base + SOCKS_STATE_OFFSET, state, ORDER);
    }

    void socksDestination(final int ipVersion, final long high, final long low, final int port)
    {
        buffer.putLong(base + SOCKS_ADDRESS_TYPE_OFFSET, ipVersion, ORDER);
        buffer.putLong(base + SOCKS_HIGH_OFFSET, high, ORDER);
        buffer.putLong(base + SOCKS_LOW_OFFSET, low, ORDER);
        buffer.putLong(base + SOCKS_PORT_OFFSET, port, ORDER);
    }

    /** @return 4 or 6 when the client asked a SOCKS proxy for an IP destination, else 0. */
    public int socksIpVersion()
    {
        return (int)buffer.getLong(base + SOCKS_ADDRESS_TYPE_OFFSET, ORDER);
    }

    public long socksAddressHigh()
    {
        return buffer.getLong(base + SOCKS_HIGH_OFFSET, ORDER);
    }

    public long socksAddressLow()
    {
        return buffer.getLong(base + SOCKS_LOW_OFFSET, ORDER);
    }

    public int socksPort()
    {
        return (int)buffer.getLong(base + SOCKS_PORT_OFFSET, ORDER);
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
}
