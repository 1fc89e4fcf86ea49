package org.mptcpstat.emitters.table;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.mptcpstat.emitters.table.BinaryFormat.ORDER;

/**
 * Writes a table as {@code TABLE.bin}: a self-describing header (the schema, and the decimals
 * CSV uses, so {@code convert} reproduces the CSV byte for byte) followed by fixed-width
 * little-endian rows, as {@code docs/FORMAT.md} and {@link BinaryFormat} lay out. Fixed-width
 * rows are what make the format fast to write and trivial to read: numpy maps them with one
 * structured dtype.
 * <p>
 * Rows go into one direct buffer, written to the file whenever the next row would not fit;
 * nothing is allocated per row. The row count, unknown until the end, is patched into the
 * header on {@link #commit()}, so a reader detects a table cut short even at a row boundary.
 */
public final class BinarySink implements RowSink, Flushable
{
    private static final String EXTENSION = ".bin";
    private static final int BUFFER_CAPACITY = 1 << 16;

    /** The file being written, or null when streaming to a caller's channel. */
    private final AtomicFile file;
    private final WritableByteChannel channel;
    private final RowCursor cursor;
    private final ColumnType[] types;
    private final int rowWidth;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private int position;
    private long rowCount;
    private boolean finished;

    private BinarySink(final AtomicFile file, final WritableByteChannel channel, final TableSchema schema)
    {
        this.file = file;
        this.channel = channel;
        this.cursor = new RowCursor(schema);
        this.types = cursor.types();
        this.rowWidth = BinaryFormat.rowWidth(types);
        this.byteBuffer = ByteBuffer.allocateDirect(Math.max(BUFFER_CAPACITY, rowWidth));
        this.buffer = new UnsafeBuffer(byteBuffer);
    }

    /**
     * Opens {@code dir/TABLE.bin}, written under a temporary name until {@link #commit()}.
     *
     * @param timeDecimals  decimals CSV gives TIME and DURATION cells (6 or 9: the capture's precision).
     * @param floatDecimals decimals CSV gives FLOAT64 cells.
     * @throws IllegalArgumentException when the schema exceeds the format's limits (more than
     *                                  65535 columns or 32768 labels, a name over 65535 bytes).
     */
    public static BinarySink create(final Path dir, final TableSchema schema, final int timeDecimals,
        final int floatDecimals) throws IOException
    {
        final byte[] header = header(schema, timeDecimals, floatDecimals, 0);
        final AtomicFile file = AtomicFile.create(dir, schema.name() + EXTENSION);
        try
        {
            final BinarySink sink = new BinarySink(file, file.channel(), schema);
            sink.writeFully(ByteBuffer.wrap(header));
            return sink;
        }
        catch (final IOException | RuntimeException ex)
        {
            file.abort();
            throw ex;
        }
    }

    /**
     * Streams the table to a caller's channel (standard output for {@code analyze --stdout}): the
     * header says {@link BinaryFormat#STREAMED_ROW_COUNT} since a pipe cannot be rewritten, so
     * readers take the rows to the end of the data. {@link #commit()} only flushes; nothing closes
     * the channel.
     */
    public static BinarySink toStream(final WritableByteChannel out, final TableSchema schema, final int timeDecimals,
        final int floatDecimals) throws IOException
    {
        final BinarySink sink = new BinarySink(null, out, schema);
        sink.writeFully(ByteBuffer.wrap(header(schema, timeDecimals, floatDecimals, BinaryFormat.STREAMED_ROW_COUNT)));
        return sink;
    }

    /** @return the complete header. */
    private static byte[] header(final TableSchema schema, final int timeDecimals, final int floatDecimals,
        final long rowCount)
    {
        CsvSink.checkDecimals(timeDecimals, floatDecimals);
        if (schema.columnCount() > BinaryFormat.MAX_COLUMNS)
        {
            throw new IllegalArgumentException(schema.name() + " has more than " + BinaryFormat.MAX_COLUMNS + " columns");
        }
        final ExpandableArrayBuffer header = new ExpandableArrayBuffer(BinaryFormat.FIXED_HEADER_LENGTH * 8);
        header.putBytes(BinaryFormat.MAGIC_OFFSET, BinaryFormat.MAGIC);
        header.putShort(BinaryFormat.VERSION_OFFSET, (short)BinaryFormat.VERSION, ORDER);
        header.putByte(BinaryFormat.TIME_DECIMALS_OFFSET, (byte)timeDecimals);
        header.putByte(BinaryFormat.FLOAT_DECIMALS_OFFSET, (byte)floatDecimals);
        header.putLong(BinaryFormat.ROW_COUNT_OFFSET, rowCount, ORDER);
        int offset = BinaryFormat.FIXED_HEADER_LENGTH;
        offset = putString(header, offset, schema.name());
        offset = putString(header, offset, schema.description());
        header.putShort(offset, (short)schema.columnCount(), ORDER);
        offset += Short.BYTES;
        int rowWidth = 0;
        for (final Column column : schema.columns())
        {
            rowWidth += BinaryFormat.width(column.type());
            offset = putString(header, offset, column.name());
            header.putByte(offset++, (byte)BinaryFormat.typeCode(column.type()));
            offset = putString(header, offset, column.unit());
            offset = putString(header, offset, column.description());
            offset = putString(header, offset, column.reference());
            if (column.type() == ColumnType.ENUM)
            {
                if (column.labels().size() > BinaryFormat.MAX_LABELS)
                {
                    throw new IllegalArgumentException(column.name() + " has more than " + BinaryFormat.MAX_LABELS + " labels");
                }
                header.putShort(offset, (short)column.labels().size(), ORDER);
                offset += Short.BYTES;
                for (final String label : column.labels())
                {
                    offset = putString(header, offset, label);
                }
            }
        }
        if (offset > BinaryFormat.MAX_HEADER_LENGTH)
        {
            throw new IllegalArgumentException(schema.name() + ": header over " + BinaryFormat.MAX_HEADER_LENGTH + " bytes");
        }
        header.putInt(BinaryFormat.HEADER_LENGTH_OFFSET, offset, ORDER);
        header.putInt(BinaryFormat.ROW_WIDTH_OFFSET, rowWidth, ORDER);
        final byte[] bytes = new byte[offset];
        header.getBytes(0, bytes);
        return bytes;
    }

    /** Writes a u16 byte count and the UTF-8 bytes; @return the offset after them. */
    private static int putString(final ExpandableArrayBuffer header, final int offset, final String text)
    {
        final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > BinaryFormat.MAX_STRING_BYTES)
        {
            throw new IllegalArgumentException("string over " + BinaryFormat.MAX_STRING_BYTES + " bytes: " +
                text.substring(0, 40) + "...");
        }
        header.putShort(offset, (short)utf8.length, ORDER);
        header.putBytes(offset + Short.BYTES, utf8);
        return offset + Short.BYTES + utf8.length;
    }

    @Override
    public void beginRow() throws IOException
    {
        if (finished)
        {
            throw new IllegalStateException("table already committed or aborted");
        }
        cursor.beginRow();
        if (position + rowWidth > byteBuffer.capacity())
        {
            flush();
        }
    }

    @Override
    public void putLong(final long value)
    {
        cursor.next(ColumnType.INT64);
        putRaw(value);
    }

    @Override
    public void putDouble(final double value)
    {
        cursor.next(ColumnType.FLOAT64);
        // One NaN for every NaN, so equal tables are equal files.
        putRaw(Double.doubleToLongBits(value));
    }

    @Override
    public void putNanos(final long nanos)
    {
        cursor.nextNanos();
        putRaw(nanos);
    }

    @Override
    public void putAddress(final int ipVersion, final long high, final long low)
    {
        if (ipVersion != 4 && ipVersion != 6)
        {
            throw new IllegalArgumentException("IP version " + ipVersion);
        }
        cursor.next(ColumnType.ADDRESS);
        if (ipVersion == 4)
        {
            putAddressCell(ipVersion, 0, low & 0xFFFF_FFFFL);
        }
        else
        {
            putAddressCell(ipVersion, high, low);
        }
    }

    @Override
    public void putEnum(final int labelIndex)
    {
        cursor.nextEnum(labelIndex);
        putEnumCell((short)labelIndex);
    }

    @Override
    public void putBoolean(final boolean value)
    {
        cursor.next(ColumnType.BOOLEAN);
        putBooleanCell(value ? BinaryFormat.TRUE : BinaryFormat.FALSE);
    }

    @Override
    public void putNull()
    {
        switch (types[cursor.nextAny()])
        {
            case INT64, TIME, DURATION -> putRaw(Long.MIN_VALUE);
            case FLOAT64 -> putRaw(Double.doubleToLongBits(Double.NaN));
            case ADDRESS -> putAddressCell(BinaryFormat.ADDRESS_NOT_MEASURED, 0, 0);
            case ENUM -> putEnumCell(BinaryFormat.ENUM_NOT_MEASURED);
            case BOOLEAN -> putBooleanCell(BinaryFormat.BOOLEAN_NOT_MEASURED);
        }
    }

    private void putRaw(final long value)
    {
        buffer.putLong(position, value, ORDER);
        position += Long.BYTES;
    }

    private void putAddressCell(final int version, final long high, final long low)
    {
        buffer.putByte(position + BinaryFormat.ADDRESS_VERSION_OFFSET, (byte)version);
        buffer.putLong(position + BinaryFormat.ADDRESS_HIGH_OFFSET, high, BinaryFormat.ADDRESS_ORDER);
        buffer.putLong(position + BinaryFormat.ADDRESS_LOW_OFFSET, low, BinaryFormat.ADDRESS_ORDER);
        position += BinaryFormat.width(ColumnType.ADDRESS);
    }

    private void putEnumCell(final short index)
    {
        buffer.putShort(position, index, ORDER);
        position += Short.BYTES;
    }

    private void putBooleanCell(final byte value)
    {
        buffer.putByte(position, value);
        position += 1;
    }

    @Override
    public void endRow()
    {
        cursor.endRow();
        rowCount++;
    }

    /** Writes the buffered rows out (to the pipe, when streaming). */
    @Override
    public void flush() throws IOException
    {
        byteBuffer.clear().limit(position);
        writeFully(byteBuffer);
        position = 0;
    }

    private void writeFully(final ByteBuffer bytes) throws IOException
    {
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
    }

    @Override
    public void commit() throws IOException
    {
        if (finished || cursor.inRow())
        {
            throw new IllegalStateException(finished ? "table already committed or aborted" : "commit() inside a row");
        }
        flush();
        if (file != null)
        {
            buffer.putLong(0, rowCount, ORDER);
            byteBuffer.clear().limit(Long.BYTES);
            while (byteBuffer.hasRemaining())
            {
                file.channel().write(byteBuffer, BinaryFormat.ROW_COUNT_OFFSET + byteBuffer.position());
            }
            file.commit();
        }
        finished = true;
    }

    @Override
    public void abort()
    {
        if (!finished)
        {
            finished = true;
            if (file != null)
            {
                file.abort();
            }
        }
    }

    @Override
    public void close()
    {
        abort();
    }
}
