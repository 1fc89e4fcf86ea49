package org.mptcpstat.emitters.table;

import org.mptcpstat.emitters.AsciiWriter;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a table as RFC 4180 CSV: a header row of column names, then one line per row, cells
 * separated by commas, every line (the last included) ending in a bare {@code \n}, UTF-8. A
 * cell is quoted only when it contains a comma, a double quote or a line break, with inner
 * quotes doubled; in practice only ENUM labels could.
 * <p>
 * Cells are formatted for scripts, identically in every locale: INT64 in decimal; FLOAT64 in
 * plain notation with a fixed number of decimals ({@link AsciiWriter#putFixed}); TIME as epoch
 * seconds and DURATION as seconds, both with the capture's number of decimals and truncated, so
 * times equal the capture's own timestamp text; ADDRESS in tshark's text form; ENUM as its label;
 * BOOLEAN as 1 or 0. A value not measured is an empty cell.
 * <p>
 * Labels and the header are encoded once, here; a row allocates nothing.
 */
public final class CsvSink implements RowSink, Flushable
{
    /** Decimals of FLOAT64 cells in the tables a run writes ({@link TableSinks}). */
    public static final int DEFAULT_FLOAT_DECIMALS = 3;
    private static final String EXTENSION = ".csv";

    private final AsciiWriter writer;
    /** The file being written, or null when writing to a caller's stream. */
    private final AtomicFile file;
    private final RowCursor cursor;
    /** Per ENUM column, each label as a ready CSV cell; null for other columns. */
    private final byte[][][] labelCells;
    private final int timeDecimals;
    private final int floatDecimals;
    private boolean finished;

    private CsvSink(final AsciiWriter writer, final AtomicFile file, final TableSchema schema,
        final int timeDecimals, final int floatDecimals)
    {
        checkDecimals(timeDecimals, floatDecimals);
        this.writer = writer;
        this.file = file;
        this.cursor = new RowCursor(schema);
        this.labelCells = new byte[schema.columnCount()][][];
        for (int i = 0; i < labelCells.length; i++)
        {
            if (schema.column(i).type() == ColumnType.ENUM)
            {
                labelCells[i] = schema.column(i).labels().stream().map(CsvSink::cell).toArray(byte[][]::new);
            }
        }
        this.timeDecimals = timeDecimals;
        this.floatDecimals = floatDecimals;
    }

    /**
     * Opens {@code dir/TABLE.csv}, written under a temporary name until {@link #commit()}.
     *
     * @param timeDecimals  decimals of TIME and DURATION cells: 6 for microsecond captures, 9 for
     *                      nanosecond ones.
     * @param floatDecimals decimals of FLOAT64 cells, 0 to {@link AsciiWriter#MAX_FIXED_DECIMALS};
     *                      usually {@link #DEFAULT_FLOAT_DECIMALS}.
     */
    public static CsvSink create(final Path dir, final TableSchema schema, final int timeDecimals,
        final int floatDecimals) throws IOException
    {
        final AtomicFile file = AtomicFile.create(dir, schema.name() + EXTENSION);
        try
        {
            final CsvSink sink = new CsvSink(
                new AsciiWriter(Channels.newOutputStream(file.channel())), file, schema, timeDecimals, floatDecimals);
            sink.writeHeader(schema);
            return sink;
        }
        catch (final IOException | RuntimeException ex)
        {
            file.abort();
            throw ex;
        }
    }

    /**
     * Writes to a caller's stream (standard output for {@code convert}): {@link #commit()} flushes
     * it, {@link #abort()} only stops writing, and neither closes it.
     */
    public static CsvSink toStream(final OutputStream out, final TableSchema schema, final int timeDecimals,
        final int floatDecimals) throws IOException
    {
        final CsvSink sink = new CsvSink(new AsciiWriter(out), null, schema, timeDecimals, floatDecimals);
        sink.writeHeader(schema);
        return sink;
    }

    /**
     * Checks the decimals CSV cells can have; binary tables carry the same two numbers for
     * {@code convert}, so {@link BinarySink} checks them here too.
     */
    static void checkDecimals(final int timeDecimals, final int floatDecimals)
    {
        if (timeDecimals < 0 || timeDecimals > AsciiWriter.MAX_SECONDS_DECIMALS)
        {
            throw new IllegalArgumentException("time decimals out of range: " + timeDecimals);
        }
        if (floatDecimals < 0 || floatDecimals > AsciiWriter.MAX_FIXED_DECIMALS)
        {
            throw new IllegalArgumentException("float decimals out of range: " + floatDecimals);
        }
    }

    private void writeHeader(final TableSchema schema) throws IOException
    {
        for (int i = 0; i < schema.columnCount(); i++)
        {
            if (i > 0)
            {
                writer.putByte(',');
            }
            writer.putBytes(cell(schema.column(i).name()));
        }
        writer.endLine();
    }

    /** @return text as one CSV cell in UTF-8, quoted only where RFC 4180 requires it. */
    private static byte[] cell(final String text)
    {
        final boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 ||
            text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return (quote ? '"' + text.replace("\"", "\"\"") + '"' : text).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void beginRow()
    {
        if (finished)
        {
            throw new IllegalStateException("table already committed or aborted");
        }
        cursor.beginRow();
    }

    @Override
    public void putLong(final long value) throws IOException
    {
        separate(cursor.next(ColumnType.INT64));
        if (value != Long.MIN_VALUE)
        {
            writer.putLong(value);
        }
    }

    @Override
    public void putDouble(final double value) throws IOException
    {
        separate(cursor.next(ColumnType.FLOAT64));
        if (!Double.isNaN(value))
        {
            writer.putFixed(value, floatDecimals);
        }
    }

    @Override
    public void putNanos(final long nanos) throws IOException
    {
        separate(cursor.nextNanos());
        if (nanos != Long.MIN_VALUE)
        {
            writer.putSeconds(nanos, timeDecimals);
        }
    }

    @Override
    public void putAddress(final int ipVersion, final long high, final long low) throws IOException
    {
        if (ipVersion != 4 && ipVersion != 6)
        {
            throw new IllegalArgumentException("IP version " + ipVersion);
        }
        separate(cursor.next(ColumnType.ADDRESS));
        if (ipVersion == 4)
        {
            writer.putIpv4(low & 0xFFFF_FFFFL);
        }
        else
        {
            writer.putIpv6(high, low);
        }
    }

    @Override
    public void putEnum(final int labelIndex) throws IOException
    {
        final int column = cursor.nextEnum(labelIndex);
        separate(column);
        if (labelIndex >= 0)
        {
            writer.putBytes(labelCells[column][labelIndex]);
        }
    }

    @Override
    public void putBoolean(final boolean value) throws IOException
    {
        separate(cursor.next(ColumnType.BOOLEAN));
        writer.putByte(value ? '1' : '0');
    }

    @Override
    public void putNull() throws IOException
    {
        separate(cursor.nextAny());
    }

    private void separate(final int column) throws IOException
    {
        if (column > 0)
        {
            writer.putByte(',');
        }
    }

    @Override
    public void endRow() throws IOException
    {
        cursor.endRow();
        writer.endLine();
    }

    /** Writes the buffered lines out (to the pipe, when streaming). */
    @Override
    public void flush() throws IOException
    {
        writer.flush();
    }

    @Override
    public void commit() throws IOException
    {
        if (finished || cursor.inRow())
        {
            throw new IllegalStateException(finished ? "table already committed or aborted" : "commit() inside a row");
        }
        writer.flush();
        if (file != null)
        {
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
