package org.mptcpstat.emitters.table;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The layout of {@code .bin} tables, shared by {@link BinarySink} and {@link BinaryTableReader}
 * so the two cannot drift apart; {@code docs/FORMAT.md} describes the same layout for readers
 * in other languages. Every number is little-endian except the 16 address bytes, which keep
 * network byte order so they can be handed as they are to {@code inet_ntop} or Python's
 * {@code ipaddress}.
 */
final class BinaryFormat
{
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Bumped on any change a version-1 reader would misread. */
    static final int VERSION = 1;
    static final byte[] MAGIC = "MPTCPTBL".getBytes(StandardCharsets.US_ASCII);

    // Fixed header: offsets from the start of the file.
    static final int MAGIC_OFFSET = 0;
    /** u16 format version. */
    static final int VERSION_OFFSET = 8;
    /** u8: decimals CSV gives TIME and DURATION columns (the capture's timestamp precision). */
    static final int TIME_DECIMALS_OFFSET = 10;
    /** u8: decimals CSV gives FLOAT64 columns. */
    static final int FLOAT_DECIMALS_OFFSET = 11;
    /** u32: bytes from the start of the file to the first row. */
    static final int HEADER_LENGTH_OFFSET = 12;
    /** u64: number of rows, written when the table is committed. */
    static final int ROW_COUNT_OFFSET = 16;
    /**
     * The row count of a table streamed to a pipe, which cannot be patched afterwards: the rows
     * run to the end of the data (u64 all ones).
     */
    static final long STREAMED_ROW_COUNT = -1L;
    /** u32: bytes per row, the sum of the column widths. */
    static final int ROW_WIDTH_OFFSET = 24;
    /** Where the variable part begins: table name, description, column count, columns. */
    static final int FIXED_HEADER_LENGTH = 28;

    /** Strings are a u16 byte count followed by that many bytes of UTF-8. */
    static final int MAX_STRING_BYTES = 0xFFFF;
    static final int MAX_COLUMNS = 0xFFFF;
    /** ENUM cells are i16, so label indexes stop at {@link Short#MAX_VALUE}. */
    static final int MAX_LABELS = Short.MAX_VALUE + 1;
    /**
     * Readers refuse larger headers before allocating for them, so a corrupt length field cannot
     * cost gigabytes; writers refuse them too, so every table written can be read.
     */
    static final int MAX_HEADER_LENGTH = 1 << 24;

    // ADDRESS cell: offsets from the start of the cell.
    /** u8: 0 (not measured), 4 or 6. */
    static final int ADDRESS_VERSION_OFFSET = 0;
    /** The 128-bit address, most significant byte first; IPv4 fills the last 4 bytes. */
    static final int ADDRESS_HIGH_OFFSET = 1;
    static final int ADDRESS_LOW_OFFSET = 9;
    static final ByteOrder ADDRESS_ORDER = ByteOrder.BIG_ENDIAN;
    static final int ADDRESS_NOT_MEASURED = 0;

    static final short ENUM_NOT_MEASURED = -1;
    static final byte FALSE = 0;
    static final byte TRUE = 1;
    /** 0xFF, the same "-1" as ENUM's when read as a signed byte. */
    static final byte BOOLEAN_NOT_MEASURED = -1;

    private BinaryFormat()
    {
    }

    /** @return the type's code in column descriptors; fixed here, never the enum's ordinal. */
    static int typeCode(final ColumnType type)
    {
        return switch (type)
        {
            case INT64 -> 1;
            case FLOAT64 -> 2;
            case TIME -> 3;
            case DURATION -> 4;
            case ADDRESS -> 5;
            case ENUM -> 6;
            case BOOLEAN -> 7;
        };
    }

    /** @return the type with that code, or null for an unknown one. */
    static ColumnType typeOf(final int code)
    {
        for (final ColumnType type : ColumnType.values())
        {
            if (typeCode(type) == code)
            {
                return type;
            }
        }
        return null;
    }

    /** @return the bytes one cell of the type takes in a row. */
    static int width(final ColumnType type)
    {
        return switch (type)
        {
            case INT64, FLOAT64, TIME, DURATION -> Long.BYTES;
            case ADDRESS -> 1 + 2 * Long.BYTES;
            case ENUM -> Short.BYTES;
            case BOOLEAN -> 1;
        };
    }

    /** @return the row width of a schema. */
    static int rowWidth(final ColumnType[] types)
    {
        int width = 0;
        for (final ColumnType type : types)
        {
            width += width(type);
        }
        return width;
    }
}
