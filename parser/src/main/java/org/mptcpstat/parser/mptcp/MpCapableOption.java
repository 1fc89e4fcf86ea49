package org.mptcpstat.parser.mptcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an MP_CAPABLE option (subtype 0x0), RFC 6824 section 3.1 and RFC 8684 section 3.1.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind=30   |    Length     |Subtype|Version|A|B|C|D|E|F|G|H|
 * +---------------+---------------+-------+-------+---------------+
 * |                Option Sender's Key (64 bits)                  |
 * |                  (if option Length > 4)                       |
 * +---------------------------------------------------------------+
 * |               Option Receiver's Key (64 bits)                 |
 * |                  (if option Length > 12)                      |
 * +-------------------------------+-------------------------------+
 * |  Data-Level Length (16 bits)  |  Checksum (16 bits, optional) |
 * |  (v1, if option Length > 20)  |  (v1, if option Length = 24)  |
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * Allowed lengths:
 * <table>
 *   <caption>MP_CAPABLE lengths</caption>
 *   <tr><th>length</th><th>v0 (RFC 6824)</th><th>v1 (RFC 8684)</th></tr>
 *   <tr><td>4</td><td>-</td><td>SYN</td></tr>
 *   <tr><td>12</td><td>SYN, SYN/ACK</td><td>SYN/ACK</td></tr>
 *   <tr><td>20</td><td>third ACK</td><td>third ACK without data</td></tr>
 *   <tr><td>22</td><td>-</td><td>first data-carrying ACK, no checksum</td></tr>
 *   <tr><td>24</td><td>-</td><td>first data-carrying ACK with checksum</td></tr>
 * </table>
 * Any other version is a format this class cannot vouch for, so it is invalid; {@link #version()}
 * stays readable on such an option so the caller can report what the peer proposed.
 * <p>
 * The flyweight does not know the TCP flags of the segment, so it does not check that, say, a
 * 12-byte option sits on a SYN/ACK; the caller does.
 * <p>
 * See the package documentation for the validity rule shared by all accessors.
 */
public final class MpCapableOption
{
    public static final int LENGTH_SYN_V1 = 4;
    public static final int LENGTH_SENDER_KEY = 12;
    public static final int LENGTH_BOTH_KEYS = 20;
    public static final int LENGTH_WITH_DATA_LEVEL_LENGTH = 22;
    public static final int LENGTH_WITH_CHECKSUM = 24;

    /** A: the sender requires DSS checksums. */
    public static final int FLAG_CHECKSUM_REQUIRED = 0x80;
    /** B: extensibility; no extension is defined, so a set B announces something we cannot decode. */
    public static final int FLAG_EXTENSIBILITY = 0x40;
    /**
     * C (v1 only): do not open new subflows to the source address of this SYN. In v0 the bits C..H are
     * all crypto-algorithm negotiation bits, so this bit means nothing there.
     */
    public static final int FLAG_NO_NEW_SUBFLOWS_TO_SOURCE = 0x20;
    /** H: HMAC-SHA1 in v0, HMAC-SHA256 in v1; the only algorithm either version defines. */
    public static final int FLAG_HMAC_SHA = 0x01;

    private static final int SUBTYPE_VERSION_OFFSET = 2;
    private static final int FLAGS_OFFSET = 3;
    private static final int SENDER_KEY_OFFSET = 4;
    private static final int RECEIVER_KEY_OFFSET = 12;
    private static final int DATA_LEVEL_LENGTH_OFFSET = 20;
    private static final int CHECKSUM_OFFSET = 22;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public MpCapableOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = computeValid();
        return this;
    }

    private boolean computeValid()
    {
        if (length < LENGTH_SYN_V1)
        {
            return false;
        }

        final int subtypeVersion = buffer.getByte(offset + SUBTYPE_VERSION_OFFSET) & 0xFF;
        if (subtypeVersion >>> 4 != MptcpSubtype.MP_CAPABLE)
        {
            return false;
        }

        switch (subtypeVersion & 0x0F)
        {
            case 0:
                return length == LENGTH_SENDER_KEY || length == LENGTH_BOTH_KEYS;
            case 1:
                return length == LENGTH_SYN_V1 ||
                    length == LENGTH_SENDER_KEY ||
                    length == LENGTH_BOTH_KEYS ||
                    length == LENGTH_WITH_DATA_LEVEL_LENGTH ||
                    length == LENGTH_WITH_CHECKSUM;
            default:
                return false;
        }
    }

    /** @return index of the kind byte in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return the option's length byte, as given to {@link #wrap(DirectBuffer, int, int)}. */
    public int length()
    {
        return length;
    }

    /** @return whether this is an MP_CAPABLE of version 0 or 1 with a length that version allows. */
    public boolean isValid()
    {
        return valid;
    }

    /**
     * MPTCP version the sender proposes (SYN) or accepts (later packets).
     * <p>
     * Exception to the package rule: this may be called whenever {@code length() >= 3}, even when the
     * option is invalid, so an unsupported version (e.g. a future v2 SYN) can be reported.
     *
     * @return the low nibble of the third byte, 0..15.
     */
    public int version()
    {
        assert length >= MptcpSubtype.MIN_LENGTH;
        return buffer.getByte(offset + SUBTYPE_VERSION_OFFSET) & 0x0F;
    }

    /** @return the raw flags byte A..H. Requires {@link #isValid()}. */
    public int flags()
    {
        assert valid;
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /** @return flag A. Requires {@link #isValid()}. */
    public boolean isChecksumRequired()
    {
        return (flags() & FLAG_CHECKSUM_REQUIRED) != 0;
    }

    /** @return flag B. Requires {@link #isValid()}. */
    public boolean isExtensibility()
    {
        return (flags() & FLAG_EXTENSIBILITY) != 0;
    }

    /**
     * @return flag C; only meaningful when {@link #version()} is 1. Requires {@link #isValid()}.
     */
    public boolean isNoNewSubflowsToSource()
    {
        return (flags() & FLAG_NO_NEW_SUBFLOWS_TO_SOURCE) != 0;
    }

    /** @return flag H (HMAC-SHA1 for v0, HMAC-SHA256 for v1). Requires {@link #isValid()}. */
    public boolean isHmacSha()
    {
        return (flags() & FLAG_HMAC_SHA) != 0;
    }

    /** @return whether the sender's key is present (length &gt;= 12). Requires {@link #isValid()}. */
    public boolean hasSenderKey()
    {
        assert valid;
        return length >= LENGTH_SENDER_KEY;
    }

    /** @return the sender's 64-bit key. Requires {@link #isValid()} and {@link #hasSenderKey()}. */
    public long senderKey()
    {
        assert hasSenderKey();
        return buffer.getLong(offset + SENDER_KEY_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** @return whether the receiver's key is present (length &gt;= 20). Requires {@link #isValid()}. */
    public boolean hasReceiverKey()
    {
        assert valid;
        return length >= LENGTH_BOTH_KEYS;
    }

    /** @return the receiver's 64-bit key. Requires {@link #isValid()} and {@link #hasReceiverKey()}. */
    public long receiverKey()
    {
        assert hasReceiverKey();
        return buffer.getLong(offset + RECEIVER_KEY_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * A v1 ACK that carries the first data also maps it, like a DSS with a 64-bit implicit DSN (the
     * IDSN + 1) and subflow sequence 1; only the length is on the wire.
     *
     * @return whether the data-level length is present (length &gt;= 22). Requires {@link #isValid()}.
     */
    public boolean hasDataLevelLength()
    {
        assert valid;
        return length >= LENGTH_WITH_DATA_LEVEL_LENGTH;
    }

    /**
     * @return the unsigned 16-bit data-level length. Requires {@link #isValid()} and
     * {@link #hasDataLevelLength()}.
     */
    public int dataLevelLength()
    {
        assert hasDataLevelLength();
        return buffer.getShort(offset + DATA_LEVEL_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** @return whether the DSS checksum is present (length = 24). Requires {@link #isValid()}. */
    public boolean hasChecksum()
    {
        assert valid;
        return length == LENGTH_WITH_CHECKSUM;
    }

    /** @return the unsigned 16-bit DSS checksum. Requires {@link #isValid()} and {@link #hasChecksum()}. */
    public int checksum()
    {
        assert hasChecksum();
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }
}
