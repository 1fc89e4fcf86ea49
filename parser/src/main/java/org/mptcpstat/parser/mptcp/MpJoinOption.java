package org.mptcpstat.parser.mptcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over an MP_JOIN option (subtype 0x1), RFC 6824 / RFC 8684 section 3.2. The format is the
 * same in both versions; the three forms differ only in length.
 *
 * <pre>
 * SYN, length 12:
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-----+-+---------------+
 * |     Kind=30   |  Length = 12  |Subtype|     |B|   Address ID  |
 * +---------------+---------------+-------+-----+-+---------------+
 * |                   Receiver's Token (32 bits)                  |
 * +---------------------------------------------------------------+
 * |                Sender's Random Number (32 bits)               |
 * +---------------------------------------------------------------+
 *
 * SYN/ACK, length 16:
 * +---------------+---------------+-------+-----+-+---------------+
 * |     Kind=30   |  Length = 16  |Subtype|     |B|   Address ID  |
 * +---------------+---------------+-------+-----+-+---------------+
 * |                                                               |
 * |                Sender's Truncated HMAC (64 bits)              |
 * +---------------------------------------------------------------+
 * |                Sender's Random Number (32 bits)               |
 * +---------------------------------------------------------------+
 *
 * Third ACK, length 24:
 * +---------------+---------------+-------+-----------------------+
 * |     Kind=30   |  Length = 24  |Subtype|      (reserved)       |
 * +---------------+---------------+-------+-----------------------+
 * |                                                               |
 * |                   Sender's HMAC (160 bits)                    |
 * |                          ...                                  |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The form is decided by the length alone; the caller may cross-check it against the TCP flags.
 * In v1 the 160 bits are the leftmost bits of an HMAC-SHA256; in v0 they are a whole HMAC-SHA1.
 * <p>
 * See the package documentation for the validity rule shared by all accessors.
 */
public final class MpJoinOption
{
    /** Which of the three MP_JOIN formats the option has. */
    public enum Form
    {
        /** Length 12: token and random number, sent on the SYN of a new subflow. */
        SYN,
        /** Length 16: truncated HMAC and random number, sent on the SYN/ACK. */
        SYN_ACK,
        /** Length 24: full-width HMAC, sent on the third ACK. */
        ACK,
        /** Wrong subtype or a length no MP_JOIN has. */
        INVALID
    }

    public static final int LENGTH_SYN = 12;
    public static final int LENGTH_SYN_ACK = 16;
    public static final int LENGTH_ACK = 24;

    /** Bytes of HMAC carried by the third-ACK form. */
    public static final int HMAC_LENGTH = 20;

    public static final int FLAG_BACKUP = 0x01;

    private static final int SUBTYPE_FLAGS_OFFSET = 2;
    private static final int ADDRESS_ID_OFFSET = 3;
    private static final int SYN_TOKEN_OFFSET = 4;
    private static final int SYN_RANDOM_OFFSET = 8;
    private static final int SYN_ACK_TRUNCATED_HMAC_OFFSET = 4;
    private static final int SYN_ACK_RANDOM_OFFSET = 12;
    private static final int ACK_HMAC_OFFSET = 4;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private Form form = Form.INVALID;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public MpJoinOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.form = computeForm();
        return this;
    }

    private Form computeForm()
    {
        // Every valid form is at least 12 bytes long, so the subtype byte is inside the option
        // whenever the length matches one of them.
        final Form byLength;
        switch (length)
        {
            case LENGTH_SYN:
                byLength = Form.SYN;
                break;
            case LENGTH_SYN_ACK:
                byLength = Form.SYN_ACK;
                break;
            case LENGTH_ACK:
                byLength = Form.ACK;
                break;
            default:
                return Form.INVALID;
        }

        final int subtype = (buffer.getByte(offset + SUBTYPE_FLAGS_OFFSET) & 0xFF) >>> 4;
        return subtype == MptcpSubtype.MP_JOIN ? byLength : Form.INVALID;
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

    /** @return whether this is an MP_JOIN of length 12, 16 or 24. */
    public boolean isValid()
    {
        return form != Form.INVALID;
    }

    /** @return the form implied by the length, or {@link Form#INVALID}; always callable. */
    public Form form()
    {
        return form;
    }

    /**
     * @return flag B: the sender wants this subflow to be a backup. Requires form SYN or SYN_ACK (the
     * third ACK has no flags).
     */
    public boolean isBackup()
    {
        assert form == Form.SYN || form == Form.SYN_ACK;
        return (buffer.getByte(offset + SUBTYPE_FLAGS_OFFSET) & FLAG_BACKUP) != 0;
    }

    /** @return the sender's unsigned 8-bit address ID. Requires form SYN or SYN_ACK. */
    public int addressId()
    {
        assert form == Form.SYN || form == Form.SYN_ACK;
        return buffer.getByte(offset + ADDRESS_ID_OFFSET) & 0xFF;
    }

    /**
     * The token names the MPTCP connection the new subflow joins: it is the top 32 bits of the hash of
     * the receiver's key from MP_CAPABLE, which is how a capture is stitched into connections.
     *
     * @return the unsigned 32-bit receiver's token. Requires form SYN.
     */
    public long receiverToken()
    {
        assert form == Form.SYN;
        return buffer.getInt(offset + SYN_TOKEN_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** @return the unsigned 32-bit sender's random number. Requires form SYN or SYN_ACK. */
    public long senderRandom()
    {
        final int fieldOffset;
        if (form == Form.SYN)
        {
            fieldOffset = SYN_RANDOM_OFFSET;
        }
        else
        {
            assert form == Form.SYN_ACK;
            fieldOffset = SYN_ACK_RANDOM_OFFSET;
        }
        return buffer.getInt(offset + fieldOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** @return the sender's 64-bit truncated HMAC, as a raw bit pattern. Requires form SYN_ACK. */
    public long truncatedHmac()
    {
        assert form == Form.SYN_ACK;
        return buffer.getLong(offset + SYN_ACK_TRUNCATED_HMAC_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * First 8 bytes of the third ACK's HMAC, handy as a cheap fingerprint in logs and tests.
     *
     * @return bytes 0..7 of the HMAC as a big-endian long. Requires form ACK.
     */
    public long hmacLeading64()
    {
        assert form == Form.ACK;
        return buffer.getLong(offset + ACK_HMAC_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Copy the {@value #HMAC_LENGTH}-byte HMAC of the third ACK.
     *
     * @param dst       caller-owned destination with room for {@value #HMAC_LENGTH} bytes at dstOffset.
     * @param dstOffset where the first HMAC byte goes.
     * @return {@value #HMAC_LENGTH}. Requires form ACK.
     */
    public int getHmac(final byte[] dst, final int dstOffset)
    {
        assert form == Form.ACK;
        buffer.getBytes(offset + ACK_HMAC_OFFSET, dst, dstOffset, HMAC_LENGTH);
        return HMAC_LENGTH;
    }

    /**
     * Copy the {@value #HMAC_LENGTH}-byte HMAC of the third ACK.
     *
     * @param dst      caller-owned destination with room for {@value #HMAC_LENGTH} bytes at dstIndex.
     * @param dstIndex where the first HMAC byte goes.
     * @return {@value #HMAC_LENGTH}. Requires form ACK.
     */
    public int getHmac(final MutableDirectBuffer dst, final int dstIndex)
    {
        assert form == Form.ACK;
        buffer.getBytes(offset + ACK_HMAC_OFFSET, dst, dstIndex, HMAC_LENGTH);
        return HMAC_LENGTH;
    }
}
