package org.mptcpstat.parser.capture;

import org.agrona.DirectBuffer;
import org.mptcpstat.parser.source.CaptureSource;

import java.nio.ByteOrder;

/**
 * Reads classic libpcap files: microsecond and nanosecond variants, written in either byte order.
 * <pre>
 * File header (24 bytes)                      Record header (16 bytes), then captured bytes
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     magic (A1B2C3D4 us, A1B23C4D ns)  |   ts seconds           |
 * | major version | minor version |       |   ts us or ns          |
 * |          this zone (unused)           |   captured length      |
 * |          sig figs (unused)            |   original length      |
 * |          snap length                  |   captured bytes ...   |
 * |          link type (low 16 bits)      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class PcapReader extends SourceReader
{
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;

    private static final int FILE_HEADER_LENGTH = 24;
    private static final int SNAPLEN_OFFSET = 16;
    private static final int LINK_TYPE_OFFSET = 20;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int TS_SECONDS_OFFSET = 0;
    private static final int TS_FRACTION_OFFSET = 4;
    private static final int CAPTURED_LENGTH_OFFSET = 8;
    private static final int ORIGINAL_LENGTH_OFFSET = 12;
    /** Only the low 16 bits name the link type; the upper bits carry FCS information. */
    private static final int LINK_TYPE_MASK = 0xFFFF;

    private final ByteOrder order;
    private final long nanosPerFractionUnit;
    private final long snapLength;
    private final int linkType;
    private long position = FILE_HEADER_LENGTH;
    private long frameNumber;

    /**
     * @throws CaptureFormatException when the file header is missing or has no pcap magic.
     */
    public PcapReader(final CaptureSource source) throws CaptureFormatException
    {
        super(source);
        if (source.fetch(0, FILE_HEADER_LENGTH) < FILE_HEADER_LENGTH)
        {
            throw new CaptureFormatException("file too short for a pcap header");
        }
        final DirectBuffer buffer = source.buffer();
        final int at = source.index();
        final int magic = buffer.getInt(at, ByteOrder.BIG_ENDIAN);
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS)
        {
            order = ByteOrder.BIG_ENDIAN;
        }
        else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS)
        {
            order = ByteOrder.LITTLE_ENDIAN;
        }
        else
        {
            throw new CaptureFormatException("not a pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        final int nativeMagic = buffer.getInt(at, order);
        nanosPerFractionUnit = nativeMagic == MAGIC_NANOS ? 1 : 1000;
        snapLength = buffer.getInt(at + SNAPLEN_OFFSET, order) & 0xFFFF_FFFFL;
        linkType = buffer.getInt(at + LINK_TYPE_OFFSET, order) & LINK_TYPE_MASK;
    }

    @Override
    public boolean next(final PacketRecord record)
    {
        if (fault != null)
        {
            return false;
        }
        final int headerBytes = source.fetch(position, RECORD_HEADER_LENGTH);
        if (headerBytes < RECORD_HEADER_LENGTH)
        {
            if (headerBytes > 0)
            {
                stop("truncated record header at byte " + position);
            }
            noteSourceFault();
            return false;
        }
        final DirectBuffer buffer = source.buffer();
        final int at = source.index();
        final long capturedLength = buffer.getInt(at + CAPTURED_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;
        if (capturedLength > Limits.MAX_CAPTURED_LENGTH || (snapLength > 0 && capturedLength > snapLength))
        {
            stop("corrupt record header at byte " + position + ": captured length " + capturedLength +
                " exceeds snap length " + snapLength);
            return false;
        }
        final int recordLength = RECORD_HEADER_LENGTH + (int)capturedLength;
        if (source.fetch(position, recordLength) < recordLength)
        {
            stop("truncated record at byte " + position);
            noteSourceFault();
            return false;
        }
        final DirectBuffer recordBuffer = source.buffer();
        final int recordAt = source.index();
        final long seconds = recordBuffer.getInt(recordAt + TS_SECONDS_OFFSET, order) & 0xFFFF_FFFFL;
        final long fraction = recordBuffer.getInt(recordAt + TS_FRACTION_OFFSET, order) & 0xFFFF_FFFFL;
        final long originalLength = recordBuffer.getInt(recordAt + ORIGINAL_LENGTH_OFFSET, order) & 0xFFFF_FFFFL;
        record.set(
            recordBuffer,
            recordAt + RECORD_HEADER_LENGTH,
            (int)capturedLength,
            originalLength,
            seconds * 1_000_000_000L + fraction * nanosPerFractionUnit,
            linkType,
            0,
            ++frameNumber);
        position += recordLength;
        return true;
    }

    @Override
    public int timestampDecimals()
    {
        return nanosPerFractionUnit == 1 ? 9 : 6;
    }
}
