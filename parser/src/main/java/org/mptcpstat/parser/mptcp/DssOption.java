package org.mptcpstat.parser.mptcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a Data Sequence Signal option (subtype 0x2), RFC 6824 / RFC 8684 section 3.3. The
 * format is the same in both versions.
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+----------------------+
 * |     Kind=30   |    Length     |Subtype| (reserved) |F|m|M|a|A|
 * +---------------+---------------+-------+----------------------+
 * |           Data ACK (4 or 8 octets, depending on flags)       |
 * +--------------------------------------------------------------+
 * |   Data Sequence Number (4 or 8 octets, depending on flags)   |
 * +--------------------------------------------------------------+
 * |              Subflow Sequence Number (4 octets)              |
 * +-------------------------------+------------------------------+
 * |  Data-Level Length (2 octets) |      Checksum (2 octets)     |
 * +-------------------------------+------------------------------+
 *
 *   A = DATA_ACK present          a = DATA_ACK is 8 octets (else 4)
 *   M = mapping present: DSN, SSN, data-level length (and checksum if negotiated)
 *   m = DSN is 8 octets (else 4)  F = DATA_FIN
 * </pre>
 *
 * The Data ACK is present iff A, and its width is given by a alone; the mapping is present iff M,
 * and the DSN width is given by m alone. (Some dissectors take one width flag for the other; the two
 * are independent.) A width flag whose field is absent is ignored. The checksum is not announced by a
 * flag: it is present exactly when M is set and the option is 2 octets longer than the flags imply,
 * which is how the receiver learns whether checksums were negotiated. So the only valid lengths are
 * <pre>
 *   4 + (A ? (a ? 8 : 4) : 0) + (M ? (m ? 8 : 4) + 4 + 2 : 0) + (checksum ? 2 : 0)
 * </pre>
 * and a DSS whose length disagrees with its flags is invalid.
 * <p>
 * All layout work is done once in {@link #wrap(DirectBuffer, int, int)}; the accessors are a field
 * read at a precomputed offset. See the package documentation for the validity rule.
 */
public final class DssOption
{
    public static final int FLAG_DATA_FIN = 0x10;
    public static final int FLAG_DSN_8 = 0x08;
    public static final int FLAG_MAPPING = 0x04;
    public static final int FLAG_DATA_ACK_8 = 0x02;
    public static final int FLAG_DATA_ACK = 0x01;
    /** The upper 3 bits of the flags byte are reserved and ignored on receipt. */
    public static final int FLAGS_MASK = 0x1F;

    /** Kind, length, subtype/reserved, flags. */
    public static final int HEADER_LENGTH = 4;
    /** Longest DSS: header, 8-byte Data ACK, 8-byte DSN, SSN, data-level length, checksum. */
    public static final int MAX_LENGTH = 28;

    private static final int SUBTYPE_OFFSET = 2;
    private static final int FLAGS_OFFSET = 3;
    private static final int FIRST_FIELD_OFFSET = 4;
    private static final int SHORT_SEQUENCE_LENGTH = 4;
    private static final int LONG_SEQUENCE_LENGTH = 8;
    private static final int SSN_LENGTH = 4;
    private static final int DATA_LEVEL_LENGTH_LENGTH = 2;
    private static final int CHECKSUM_LENGTH = 2;
    private static final int ABSENT = -1;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;
    private int flags;
    // Offsets relative to the kind byte, ABSENT when the field is not on the wire.
    private int dataAckOffset;
    private int dsnOffset;
    private int ssnOffset;
    private int dataLevelLengthOffset;
    private int checksumOffset;

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @return this, for chaining.
     */
    public DssOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.flags = 0;
        this.dataAckOffset = ABSENT;
        this.dsnOffset = ABSENT;
        this.ssnOffset = ABSENT;
        this.dataLevelLengthOffset = ABSENT;
        this.checksumOffset = ABSENT;
        this.valid = computeLayout();
        return this;
    }

    private boolean computeLayout()
    {
        // The flags byte is the last byte of the header; without it no layout can be derived.
        if (length < HEADER_LENGTH || length > MAX_LENGTH)
        {
            return false;
        }
        if ((buffer.getByte(offset + SUBTYPE_OFFSET) & 0xFF) >>> 4 != MptcpSubtype.DSS)
        {
            return false;
        }

        final int flagBits = buffer.getByte(offset + FLAGS_OFFSET) & FLAGS_MASK;
        int position = FIRST_FIELD_OFFSET;
        int ackAt = ABSENT;
        int dsnAt = ABSENT;
        int ssnAt = ABSENT;
        int dataLevelLengthAt = ABSENT;

        if ((flagBits & FLAG_DATA_ACK) != 0)
        {
            ackAt = position;
            position += (flagBits & FLAG_DATA_ACK_8) != 0 ? LONG_SEQUENCE_LENGTH : SHORT_SEQUENCE_LENGTH;
        }

        final boolean mapping = (flagBits & FLAG_MAPPING) != 0;
        if (mapping)
        {
            dsnAt = position;
            position += (flagBits & FLAG_DSN_8) != 0 ? LONG_SEQUENCE_LENGTH : SHORT_SEQUENCE_LENGTH;
            ssnAt = position;
            position += SSN_LENGTH;
            dataLevelLengthAt = position;
            position += DATA_LEVEL_LENGTH_LENGTH;
        }

        final int checksumAt;
        if (length == position)
        {
            checksumAt = ABSENT;
        }
        else if (mapping && length == position + CHECKSUM_LENGTH)
        {
            checksumAt = position;
        }
        else
        {
            return false;
        }

        // Publish the layout only once it is known to fit inside the option, so that a stale layout
        // from an earlier wrap can never point past the end of this one.
        flags = flagBits;
        dataAckOffset = ackAt;
        dsnOffset = dsnAt;
        ssnOffset = ssnAt;
        dataLevelLengthOffset = dataLevelLengthAt;
        checksumOffset = checksumAt;
        return true;
    }

    /**
     * The length a DSS with these flags must have.
     *
     * @param flags       the flags byte (reserved bits are ignored).
     * @param hasChecksum whether a checksum follows the mapping; ignored when flag M is clear.
     * @return the only valid option length for that combination.
     */
    public static int expectedLength(final int flags, final boolean hasChecksum)
    {
        int length = HEADER_LENGTH;
        if ((flags & FLAG_DATA_ACK) != 0)
        {
            length += (flags & FLAG_DATA_ACK_8) != 0 ? LONG_SEQUENCE_LENGTH : SHORT_SEQUENCE_LENGTH;
        }
        if ((flags & FLAG_MAPPING) != 0)
        {
            length += (flags & FLAG_DSN_8) != 0 ? LONG_SEQUENCE_LENGTH : SHORT_SEQUENCE_LENGTH;
            length += SSN_LENGTH + DATA_LEVEL_LENGTH_LENGTH;
            if (hasChecksum)
            {
                length += CHECKSUM_LENGTH;
            }
        }
        return length;
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

    /** @return whether this is a DSS whose length is the one its flags (and checksum) imply. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return the five flag bits F m M a A (reserved bits cleared). Requires {@link #isValid()}. */
    public int flags()
    {
        assert valid;
        return flags;
    }

    /**
     * DATA_FIN marks the end of the data stream; it occupies one octet of data sequence space at the end
     * of the mapping, so a DATA_FIN with no payload has a mapping of data-level length 1.
     *
     * @return flag F. Requires {@link #isValid()}.
     */
    public boolean isDataFin()
    {
        assert valid;
        return (flags & FLAG_DATA_FIN) != 0;
    }

    /** @return flag A: a Data ACK is present. Requires {@link #isValid()}. */
    public boolean hasDataAck()
    {
        assert valid;
        return dataAckOffset != ABSENT;
    }

    /** @return flag a: the Data ACK is 8 octets. Requires {@link #isValid()} and {@link #hasDataAck()}. */
    public boolean isDataAck8()
    {
        assert hasDataAck();
        return (flags & FLAG_DATA_ACK_8) != 0;
    }

    /**
     * A 4-octet Data ACK holds the low 32 bits of the 64-bit data sequence space; widening it needs the
     * connection's state, which is the caller's business, so the raw wire value is returned.
     *
     * @return the Data ACK as on the wire: 32 bits zero-extended, or the full 64 bits. Requires
     * {@link #isValid()} and {@link #hasDataAck()}.
     */
    public long dataAck()
    {
        assert hasDataAck();
        return (flags & FLAG_DATA_ACK_8) != 0 ?
            buffer.getLong(offset + dataAckOffset, ByteOrder.BIG_ENDIAN) :
            buffer.getInt(offset + dataAckOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** @return flag M: a mapping (DSN, SSN, data-level length) is present. Requires {@link #isValid()}. */
    public boolean hasMapping()
    {
        assert valid;
        return dsnOffset != ABSENT;
    }

    /** @return flag m: the DSN is 8 octets. Requires {@link #isValid()} and {@link #hasMapping()}. */
    public boolean isDsn8()
    {
        assert hasMapping();
        return (flags & FLAG_DSN_8) != 0;
    }

    /**
     * @return the Data Sequence Number as on the wire: 32 bits zero-extended, or the full 64 bits.
     * Requires {@link #isValid()} and {@link #hasMapping()}.
     */
    public long dataSequenceNumber()
    {
        assert hasMapping();
        return (flags & FLAG_DSN_8) != 0 ?
            buffer.getLong(offset + dsnOffset, ByteOrder.BIG_ENDIAN) :
            buffer.getInt(offset + dsnOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * The SSN is relative to the subflow's initial sequence number, so the first data byte of a subflow
     * maps SSN 1.
     *
     * @return the unsigned 32-bit Subflow Sequence Number. Requires {@link #isValid()} and
     * {@link #hasMapping()}.
     */
    public long subflowSequenceNumber()
    {
        assert hasMapping();
        return buffer.getInt(offset + ssnOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * @return the unsigned 16-bit data-level length. Requires {@link #isValid()} and {@link #hasMapping()}.
     */
    public int dataLevelLength()
    {
        assert hasMapping();
        return buffer.getShort(offset + dataLevelLengthOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * A data-level length of 0 is the "infinite mapping" a sender uses when falling back to plain TCP:
     * every later byte of the subflow maps onward from this DSN. A DATA_FIN on an empty segment has
     * length 1 (the DATA_FIN's own octet), so it is not infinite.
     *
     * @return whether this mapping is infinite. Requires {@link #isValid()}.
     */
    public boolean isInfiniteMapping()
    {
        return hasMapping() && dataLevelLength() == 0;
    }

    /** @return whether a checksum follows the mapping. Requires {@link #isValid()}. */
    public boolean hasChecksum()
    {
        assert valid;
        return checksumOffset != ABSENT;
    }

    /** @return the unsigned 16-bit DSS checksum. Requires {@link #isValid()} and {@link #hasChecksum()}. */
    public int checksum()
    {
        assert hasChecksum();
        return buffer.getShort(offset + checksumOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }
}
