package org.mptcpstat.emitters.table;

import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.emitters.AsciiWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.mptcpstat.emitters.table.BinaryFormat.ORDER;

/**
 * Reads a {@code .bin} table written by {@link BinarySink} and replays its rows into any
 * {@link RowSink}: {@code convert} replays into a {@link CsvSink} on standard output.
 * <p>
 * Files come from disk and may be cut short or damaged, so every length, count and cell is
 * checked before it is used: a bad file gives an {@link IOException} with a one-line message,
 * never an unchecked exception. No length field can make it allocate much: the header length is
 * checked against 16 MiB and the file's size before the header is read, and a row is at most
 * 65535 columns of 17 bytes.
 */
public final class BinaryTableReader implements AutoCloseable
{
    private static final int CHUNK_BYTES = 1 << 16;

    private final FileChannel channel;
    private final TableSchema schema;
    private final ColumnType[] types;
    private final int[] labelCounts;
    private final int timeDecimals;
    private final int floatDecimals;
    private final long headerLength;
    private final int rowWidth;
    private final long rowCount;

    private BinaryTableReader(final FileChannel channel, final Header header)
    {
        this.channel = channel;
        this.schema = header.schema;
        this.types = header.types;
        this.labelCounts = schema.columns().stream().mapToInt(column -> column.labels().size()).toArray();
        this.timeDecimals = header.timeDecimals;
        this.floatDecimals = header.floatDecimals;
        this.headerLength = header.length;
        this.rowWidth = header.rowWidth;
        this.rowCount = header.rowCount;
    }

    /** Opens a table and checks its header and size; the rows are checked as they are replayed. */
    public static BinaryTableReader open(final Path file) throws IOException
    {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try
        {
            return new BinaryTableReader(channel, Header.read(channel));
        }
        catch (final IOException ex)
        {
            channel.close();
            throw ex;
        }
    }

    public TableSchema schema()
    {
        return schema;
    }

    /** @return the decimals CSV gives TIME and DURATION cells: the capture's timestamp precision. */
    public int timeDecimals()
    {
        return timeDecimals;
    }

    /** @return the decimals CSV gives FLOAT64 cells. */
    public int floatDecimals()
    {
        return floatDecimals;
    }

    public long rowCount()
    {
        return rowCount;
    }

    /**
     * Feeds every row, in order, to {@code sink}, which the caller then commits. Allocates one
     * read buffer per call, nothing per row.
     *
     * @throws IOException when a cell holds a value the format does not allow, or the file
     *                     shrank since it was opened.
     */
    public void replay(final RowSink sink) throws IOException
    {
        final int rowsPerChunk = Math.max(1, CHUNK_BYTES / rowWidth);
        final ByteBuffer chunk = ByteBuffer.allocateDirect(rowsPerChunk * rowWidth);
        final UnsafeBuffer cells = new UnsafeBuffer(chunk);
        long filePosition = headerLength;
        long row = 0;
        while (row < rowCount)
        {
            final int rows = (int)Math.min(rowsPerChunk, rowCount - row);
            chunk.clear().limit(rows * rowWidth);
            while (chunk.hasRemaining())
            {
                if (channel.read(chunk, filePosition + chunk.position()) < 0)
                {
                    throw new IOException("truncated: the file shrank while it was read");
                }
            }
            filePosition += chunk.limit();
            for (int i = 0; i < rows; i++)
            {
                replayRow(cells, i * rowWidth, row++, sink);
            }
        }
    }

    private void replayRow(final UnsafeBuffer cells, final int rowOffset, final long row, final RowSink sink)
        throws IOException
    {
        int offset = rowOffset;
        sink.beginRow();
        for (int column = 0; column < types.length; column++)
        {
            switch (types[column])
            {
                case INT64 -> sink.putLong(cells.getLong(offset, ORDER));
                case FLOAT64 -> sink.putDouble(cells.getDouble(offset, ORDER));
                case TIME, DURATION -> sink.putNanos(cells.getLong(offset, ORDER));
                case ADDRESS -> replayAddress(cells, offset, row, column, sink);
                case ENUM ->
                {
                    final short index = cells.getShort(offset, ORDER);
                    if (index < BinaryFormat.ENUM_NOT_MEASURED || index >= labelCounts[column])
                    {
                        throw corruptCell(row, column, "label index " + index + " of " + labelCounts[column]);
                    }
                    sink.putEnum(index);
                }
                case BOOLEAN ->
                {
                    final byte value = cells.getByte(offset);
                    if (value == BinaryFormat.BOOLEAN_NOT_MEASURED)
                    {
                        sink.putNull();
                    }
                    else if (value == BinaryFormat.TRUE || value == BinaryFormat.FALSE)
                    {
                        sink.putBoolean(value == BinaryFormat.TRUE);
                    }
                    else
                    {
                        throw corruptCell(row, column, "boolean " + value);
                    }
                }
            }
            offset += BinaryFormat.width(types[column]);
        }
        sink.endRow();
    }

    private static void replayAddress(final UnsafeBuffer cells, final int offset, final long row, final int column,
        final RowSink sink) throws IOException
    {
        final int version = cells.getByte(offset + BinaryFormat.ADDRESS_VERSION_OFFSET);
        final long high = cells.getLong(offset + BinaryFormat.ADDRESS_HIGH_OFFSET, BinaryFormat.ADDRESS_ORDER);
        final long low = cells.getLong(offset + BinaryFormat.ADDRESS_LOW_OFFSET, BinaryFormat.ADDRESS_ORDER);
        // Only one byte string per address is valid, so equal tables are equal files.
        final boolean valid = switch (version)
        {
            case BinaryFormat.ADDRESS_NOT_MEASURED -> (high | low) == 0;
            case 4 -> high == 0 && (low >>> Integer.SIZE) == 0;
            case 6 -> true;
            default -> false;
        };
        if (!valid)
        {
            throw corruptCell(row, column, "address of version " + version);
        }
        if (version == BinaryFormat.ADDRESS_NOT_MEASURED)
        {
            sink.putNull();
        }
        else
        {
            sink.putAddress(version, high, low);
        }
    }

    private static IOException corruptCell(final long row, final int column, final String what)
    {
        return new IOException("corrupt row " + row + ", column " + column + ": " + what);
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }

    /** The parsed header: everything before the first row. */
    private static final class Header
    {
        private TableSchema schema;
        private ColumnType[] types;
        private int timeDecimals;
        private int floatDecimals;
        private long length;
        private long rowCount;
        private int rowWidth;

        private ByteBuffer bytes;

        static Header read(final FileChannel channel) throws IOException
        {
            final Header header = new Header();
            final long size = channel.size();
            header.readFixed(channel, size);
            header.readColumns();
            header.checkRows(size);
            return header;
        }

        private void readFixed(final FileChannel channel, final long size) throws IOException
        {
            final ByteBuffer fixed = ByteBuffer.allocate((int)Math.min(size, BinaryFormat.FIXED_HEADER_LENGTH))
                .order(ORDER);
            readFully(channel, fixed, 0);
            final int magicEnd = BinaryFormat.MAGIC_OFFSET + BinaryFormat.MAGIC.length;
            if (fixed.limit() < magicEnd || !Arrays.equals(
                fixed.array(), BinaryFormat.MAGIC_OFFSET, magicEnd, BinaryFormat.MAGIC, 0, BinaryFormat.MAGIC.length))
            {
                throw new IOException("not an mptcpstat binary table (no MPTCPTBL magic)");
            }
            if (fixed.limit() < BinaryFormat.FIXED_HEADER_LENGTH)
            {
                throw new IOException("truncated: " + size + " bytes, shorter than the fixed header");
            }
            final int version = Short.toUnsignedInt(fixed.getShort(BinaryFormat.VERSION_OFFSET));
            if (version != BinaryFormat.VERSION)
            {
                throw new IOException("unsupported format version " + version + " (this mptcpstat reads " +
                    BinaryFormat.VERSION + ")");
            }
            timeDecimals = Byte.toUnsignedInt(fixed.get(BinaryFormat.TIME_DECIMALS_OFFSET));
            floatDecimals = Byte.toUnsignedInt(fixed.get(BinaryFormat.FLOAT_DECIMALS_OFFSET));
            if (timeDecimals > AsciiWriter.MAX_SECONDS_DECIMALS || floatDecimals > AsciiWriter.MAX_FIXED_DECIMALS)
            {
                throw new IOException("corrupt header: " + timeDecimals + " time or " + floatDecimals +
                    " float decimals");
            }
            length = Integer.toUnsignedLong(fixed.getInt(BinaryFormat.HEADER_LENGTH_OFFSET));
            rowCount = fixed.getLong(BinaryFormat.ROW_COUNT_OFFSET);
            rowWidth = fixed.getInt(BinaryFormat.ROW_WIDTH_OFFSET);
            if (length < BinaryFormat.FIXED_HEADER_LENGTH || length > BinaryFormat.MAX_HEADER_LENGTH)
            {
                throw new IOException("corrupt header: header length " + length);
            }
            if (length > size)
            {
                throw new IOException("truncated: " + size + " bytes, shorter than the " + length + "-byte header");
            }
            bytes = ByteBuffer.allocate((int)length).order(ORDER);
            readFully(channel, bytes, 0);
            bytes.position(BinaryFormat.FIXED_HEADER_LENGTH);
        }

        private void readColumns() throws IOException
        {
            final TableSchema.Builder builder = TableSchema.builder(string("table name"), string("table description"));
            final int columnCount = u16("column count");
            if (columnCount == 0)
            {
                throw new IOException("corrupt header: column count 0");
            }
            types = new ColumnType[columnCount];
            final Set<String> names = new HashSet<>();
            for (int i = 0; i < columnCount; i++)
            {
                final Column column = column(i, columnCount);
                // Names come from the file: messages never quote them, so they stay on one line.
                if (!names.add(column.name()))
                {
                    throw new IOException("corrupt header: column " + i + " of " + columnCount + " repeats a name");
                }
                builder.add(column);
            }
            schema = builder.build();
            if (bytes.hasRemaining())
            {
                throw new IOException("corrupt header: " + bytes.remaining() + " bytes after the last column");
            }
        }

        private Column column(final int index, final int columnCount) throws IOException
        {
            final String where = "column " + index + " of " + columnCount;
            final String name = string(where);
            final int code = u8(where);
            final ColumnType type = BinaryFormat.typeOf(code);
            if (type == null)
            {
                throw new IOException("corrupt header: " + where + " has unknown type " + code);
            }
            types[index] = type;
            final String unit = string(where);
            final String description = string(where);
            final String reference = string(where);
            final List<String> labels = new ArrayList<>();
            if (type == ColumnType.ENUM)
            {
                final int labelCount = u16(where);
                if (labelCount == 0 || labelCount > BinaryFormat.MAX_LABELS)
                {
                    throw new IOException("corrupt header: " + where + " has " + labelCount + " labels");
                }
                for (int i = 0; i < labelCount; i++)
                {
                    labels.add(string(where));
                }
            }
            return new Column(name, type, unit, description, reference, labels);
        }

        private void checkRows(final long size) throws IOException
        {
            final int width = BinaryFormat.rowWidth(types);
            if (rowWidth != width)
            {
                throw new IOException("corrupt header: row width " + Integer.toUnsignedString(rowWidth) +
                    ", the columns add up to " + width);
            }
            final long dataBytes = size - length;
            if (rowCount == BinaryFormat.STREAMED_ROW_COUNT && rowWidth > 0)
            {
                // Streamed to a pipe: the rows run to the end; only a cut row can be detected.
                rowCount = dataBytes / rowWidth;
            }
            if (rowCount < 0 || rowCount > Long.MAX_VALUE / rowWidth)
            {
                throw new IOException("corrupt header: row count " + Long.toUnsignedString(rowCount));
            }
            final long expected = rowCount * rowWidth;
            if (dataBytes < expected)
            {
                throw new IOException("truncated: " + rowCount + " rows need " + expected +
                    " bytes after the header, the file has " + dataBytes);
            }
            if (dataBytes > expected)
            {
                throw new IOException("corrupt: " + (dataBytes - expected) + " bytes after the last of " +
                    rowCount + " rows");
            }
        }

        private void need(final int count, final String what) throws IOException
        {
            if (bytes.remaining() < count)
            {
                throw new IOException("corrupt header: " + what + " runs past the header's " + length + " bytes");
            }
        }

        private int u8(final String what) throws IOException
        {
            need(1, what);
            return Byte.toUnsignedInt(bytes.get());
        }

        private int u16(final String what) throws IOException
        {
            need(Short.BYTES, what);
            return Short.toUnsignedInt(bytes.getShort());
        }

        private String string(final String what) throws IOException
        {
            final int byteCount = u16(what);
            need(byteCount, what);
            final ByteBuffer utf8 = bytes.slice().limit(byteCount);
            bytes.position(bytes.position() + byteCount);
            try
            {
                return StandardCharsets.UTF_8.newDecoder().decode(utf8).toString();
            }
            catch (final CharacterCodingException ex)
            {
                throw new IOException("corrupt header: " + what + " is not UTF-8", ex);
            }
        }

        private static void readFully(final FileChannel channel, final ByteBuffer target, final long position)
            throws IOException
        {
            while (target.hasRemaining())
            {
                if (channel.read(target, position + target.position()) < 0)
                {
                    throw new IOException("truncated: the file shrank while it was read");
                }
            }
            target.flip();
        }
    }
}
