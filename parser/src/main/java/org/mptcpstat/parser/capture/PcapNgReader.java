package org.mptcpstat.parser.capture;

import org.agrona.DirectBuffer;
import org.mptcpstat.parser.source.CaptureSource;

import java.nio.ByteOrder;

/**
 * Reads pcapng files: any number of sections (each with its own byte order and interfaces),
 * interface descriptions with their link type and timestamp resolution, and packets from
 * enhanced, simple and obsolete packet blocks. Every other block is skipped by its length.
 * <pre>
 * Every block                                 Enhanced Packet Block body (type 6)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           block type          |  8 | interface id              |
 * |      block total length       | 12 | timestamp (high 32 bits)  |
 * /           body ...            / 16 | timestamp (low 32 bits)   |
 * |      block total length       | 20 | captured length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ 24 | original length           |
 *                                   28 | packet data, padded to 32 bits, then options
 * </pre>
 */
public final class PcapNgReader extends SourceReader
{
    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    private static final int OBSOLETE_PACKET_BLOCK = 2;
    private static final int SIMPLE_PACKET_BLOCK = 3;
    private static final int ENHANCED_PACKET_BLOCK = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final int BLOCK_TYPE_OFFSET = 0;
    private static final int BLOCK_LENGTH_OFFSET = 4;
    private static final int BODY_OFFSET = 8;
    private static final int MIN_BLOCK_LENGTH = 12;
    private static final int SHB_BYTE_ORDER_OFFSET = 8;
    private static final int SHB_MIN_LENGTH = 28;

    private static final int IDB_LINK_TYPE_OFFSET = 8;
    private static final int IDB_SNAP_LENGTH_OFFSET = 12;
    private static final int IDB_OPTIONS_OFFSET = 16;
    private static final int OPTION_END = 0;
    private static final int OPTION_IF_TSRESOL = 9;
    private static final int OPTION_IF_TSOFFSET = 14;

    private static final int EPB_INTERFACE_OFFSET = 8;
    private static final int EPB_TS_HIGH_OFFSET = 12;
    private static final int EPB_TS_LOW_OFFSET = 16;
    private static final int EPB_CAPTURED_LENGTH_OFFSET = 20;
    private static final int EPB_ORIGINAL_LENGTH_OFFSET = 24;
    private static final int EPB_DATA_OFFSET = 28;

    private static final int OPB_INTERFACE_OFFSET = 8;
    private static final int OPB_TS_HIGH_OFFSET = 12;
    private static final int OPB_TS_LOW_OFFSET = 16;
    private static final int OPB_CAPTURED_LENGTH_OFFSET = 20;
    private static final int OPB_ORIGINAL_LENGTH_OFFSET = 24;
    private static final int OPB_DATA_OFFSET = 28;

    private static final int SPB_ORIGINAL_LENGTH_OFFSET = 8;
    private static final int SPB_DATA_OFFSET = 12;

    private final InterfaceTable interfaces = new InterfaceTable();
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private long position;
    private long frameNumber;

    /**
     * @throws CaptureFormatException when the file does not start with a section header block.
     */
    public PcapNgReader(final CaptureSource source) throws CaptureFormatException
    {
        super(source);
        if (source.fetch(0, SHB_MIN_LENGTH) < SHB_MIN_LENGTH ||
            source.buffer().getInt(source.index() + BLOCK_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) != SECTION_HEADER_BLOCK)
        {
            throw new CaptureFormatException("not a pcapng file (no section header block)");
        }
    }

    @Override
    public boolean next(final PacketRecord record)
    {
        while (fault == null)
        {
            final int headerBytes = source.fetch(position, MIN_BLOCK_LENGTH);
            if (headerBytes < MIN_BLOCK_LENGTH)
            {
                if (headerBytes > 0)
                {
                    stop("truncated block header at byte " + position);
                }
                noteSourceFault();
                return false;
            }
            final DirectBuffer buffer = source.buffer();
            final int at = source.index();
            final int rawType = buffer.getInt(at + BLOCK_TYPE_OFFSET, order);
            if (rawType == SECTION_HEADER_BLOCK && !readByteOrder(buffer, at))
            {
                return false;
            }
            final int type = buffer.getInt(at + BLOCK_TYPE_OFFSET, order);
            final long length = buffer.getInt(at + BLOCK_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;
            if (length < MIN_BLOCK_LENGTH || (length & 3) != 0)
            {
                stop("corrupt block at byte " + position + ": length " + length);
                return false;
            }
            final boolean isPacket = length <= CaptureSource.MAX_WINDOW ?
                readBlock(type, (int)length, record) : skipLongBlock(type, length);
            if (fault != null)
            {
                return false;
            }
            position += length;
            if (isPacket)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The section header's byte-order magic decides how every later field of the section is read.
     */
    private boolean readByteOrder(final DirectBuffer buffer, final int at)
    {
        final int magic = buffer.getInt(at + SHB_BYTE_ORDER_OFFSET, ByteOrder.BIG_ENDIAN);
        if (magic == BYTE_ORDER_MAGIC)
        {
            order = ByteOrder.BIG_ENDIAN;
        }
        else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC)
        {
            order = ByteOrder.LITTLE_ENDIAN;
        }
        else
        {
            stop("corrupt section header at byte " + position + ": byte-order magic " + Integer.toHexString(magic));
            return false;
        }
        return true;
    }

    /**
     * Fetches the whole block in one window and checks its trailing length before reading it: a
     * source cannot serve the block's start again once it has served a window past it (an
     * inflating source has already slid on).
     *
     * @return true when the block was a usable packet, now in {@code record}.
     */
    private boolean readBlock(final int type, final int length, final PacketRecord record)
    {
        if (source.fetch(position, length) < length)
        {
            stop("truncated block at byte " + position + " (length " + length + ")");
            noteSourceFault();
            return false;
        }
        final DirectBuffer buffer = source.buffer();
        final int at = source.index();
        if (!trailingLengthMatches(buffer.getInt(at + length - 4, order), length))
        {
            return false;
        }
        switch (type)
        {
            case SECTION_HEADER_BLOCK:
                interfaces.clear();
                return false;
            case INTERFACE_DESCRIPTION_BLOCK:
                readInterface(buffer, at, length);
                return false;
            case ENHANCED_PACKET_BLOCK:
                return readPacket(buffer, at, length, EPB_INTERFACE_OFFSET, true, EPB_TS_HIGH_OFFSET,
                    EPB_TS_LOW_OFFSET, EPB_CAPTURED_LENGTH_OFFSET, EPB_ORIGINAL_LENGTH_OFFSET, EPB_DATA_OFFSET, record);
            case OBSOLETE_PACKET_BLOCK:
                return readPacket(buffer, at, length, OPB_INTERFACE_OFFSET, false, OPB_TS_HIGH_OFFSET,
                    OPB_TS_LOW_OFFSET, OPB_CAPTURED_LENGTH_OFFSET, OPB_ORIGINAL_LENGTH_OFFSET, OPB_DATA_OFFSET, record);
            case SIMPLE_PACKET_BLOCK:
                return readSimplePacket(buffer, at, length, record);
            default:
                return false;
        }
    }

    /**
     * A block longer than any window is read no further than its trailing length, so that it can
     * be skipped; one of the types this reader reads is counted as malformed, since no sane
     * interface description or packet is that long.
     *
     * @return false: such a block is never a usable packet.
     */
    private boolean skipLongBlock(final int type, final long length)
    {
        if (source.fetch(position + length - 4, 4) < 4)
        {
            stop("truncated block at byte " + position + " (length " + length + ")");
            noteSourceFault();
            return false;
        }
        if (trailingLengthMatches(source.buffer().getInt(source.index(), order), length) && (type == SECTION_HEADER_BLOCK ||
            type == INTERFACE_DESCRIPTION_BLOCK || type == ENHANCED_PACKET_BLOCK || type == SIMPLE_PACKET_BLOCK ||
            type == OBSOLETE_PACKET_BLOCK))
        {
            malformed++;
        }
        return false;
    }

    /**
     * A block repeats its length at its end; a mismatch means the length field (and so the
     * position of every later block) cannot be trusted, and reading stops.
     */
    private boolean trailingLengthMatches(final int trailingLength, final long length)
    {
        if ((trailingLength & 0xFFFF_FFFFL) != length)
        {
            stop("corrupt block at byte " + position + ": length " + length + ", trailing length " +
                (trailingLength & 0xFFFF_FFFFL));
            return false;
        }
        return true;
    }

    private void readInterface(final DirectBuffer buffer, final int at, final int length)
    {
        if (length < IDB_OPTIONS_OFFSET + 4)
        {
            malformed++;
            return;
        }
        final int linkType = buffer.getShort(at + IDB_LINK_TYPE_OFFSET, order) & 0xFFFF;
        final long snapLength = buffer.getInt(at + IDB_SNAP_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;
        int resolution = TimestampResolution.MICROSECONDS;
        long offsetSeconds = 0;
        final int end = at + length - 4;
        int option = at + IDB_OPTIONS_OFFSET;
        while (option + 4 <= end)
        {
            final int code = buffer.getShort(option, order) & 0xFFFF;
            final int valueLength = buffer.getShort(option + 2, order) & 0xFFFF;
            final int value = option + 4;
            if (code == OPTION_END || value + valueLength > end)
            {
                break;
            }
            if (code == OPTION_IF_TSRESOL && valueLength == 1)
            {
                resolution = buffer.getByte(value) & 0xFF;
            }
            else if (code == OPTION_IF_TSOFFSET && valueLength == 8)
            {
                offsetSeconds = buffer.getLong(value, order);
            }
            option = value + ((valueLength + 3) & ~3);
        }
        interfaces.add(linkType, snapLength, resolution, offsetSeconds);
    }

    private boolean readPacket(
        final DirectBuffer buffer,
        final int at,
        final int length,
        final int interfaceOffset,
        final boolean wideInterfaceId,
        final int tsHighOffset,
        final int tsLowOffset,
        final int capturedLengthOffset,
        final int originalLengthOffset,
        final int dataOffset,
        final PacketRecord record)
    {
        if (length < dataOffset + 4)
        {
            malformed++;
            return false;
        }
        // The obsolete packet block has a 16-bit interface id followed by a 16-bit drop count.
        final int interfaceId = wideInterfaceId ?
            buffer.getInt(at + interfaceOffset, order) : buffer.getShort(at + interfaceOffset, order) & 0xFFFF;
        final long capturedLength = buffer.getInt(at + capturedLengthOffset, order) & 0xFFFF_FFFFL;
        if (interfaceId < 0 || interfaceId >= interfaces.count() ||
            capturedLength > Limits.MAX_CAPTURED_LENGTH || dataOffset + capturedLength > length - 4)
        {
            malformed++;
            return false;
        }
        final long ticks = ((buffer.getInt(at + tsHighOffset, order) & 0xFFFF_FFFFL) << 32) |
            (buffer.getInt(at + tsLowOffset, order) & 0xFFFF_FFFFL);
        record.set(
            buffer,
            at + dataOffset,
            (int)capturedLength,
            buffer.getInt(at + originalLengthOffset, order) & 0xFFFF_FFFFL,
            interfaces.toNanos(interfaceId, ticks),
            interfaces.linkType(interfaceId),
            interfaceId,
            ++frameNumber);
        return true;
    }

    /**
     * A simple packet block has no captured length: it is the original length, cut to the snap
     * length of interface 0 and to the block.
     */
    private boolean readSimplePacket(final DirectBuffer buffer, final int at, final int length, final PacketRecord record)
    {
        if (interfaces.count() == 0 || length < SPB_DATA_OFFSET + 4)
        {
            malformed++;
            return false;
        }
        final long originalLength = buffer.getInt(at + SPB_ORIGINAL_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;
        long capturedLength = Math.min(originalLength, length - SPB_DATA_OFFSET - 4);
        if (interfaces.snapLength(0) > 0)
        {
            capturedLength = Math.min(capturedLength, interfaces.snapLength(0));
        }
        record.set(buffer, at + SPB_DATA_OFFSET, (int)capturedLength, originalLength, 0, interfaces.linkType(0), 0,
            ++frameNumber);
        return true;
    }

    @Override
    public int timestampDecimals()
    {
        return interfaces.finestDecimals();
    }
}
