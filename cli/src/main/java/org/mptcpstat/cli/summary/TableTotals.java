package org.mptcpstat.cli.summary;

import org.mptcpstat.emitters.table.BinaryTableReader;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A {@link RowSink} that adds up one table instead of writing it. Every value of a row lands in
 * one reused {@code long} slot per column, so subclasses read the columns they need by index in
 * {@link #endRow(long[])} and nothing is allocated per row.
 */
abstract class TableTotals implements RowSink
{
    /** INT64, TIME and DURATION columns' "not measured"; also what {@link #putNull()} stores. */
    static final long NOT_MEASURED = Long.MIN_VALUE;

    private final long[] row;
    private int column;

    TableTotals(final TableSchema schema)
    {
        row = new long[schema.columnCount()];
    }

    /** Replays {@code folder/table.bin} into the totals {@code factory} makes from its schema. */
    static <T extends TableTotals> T replay(final Path folder, final String table, final Factory<T> factory)
        throws IOException
    {
        final Path file = folder.resolve(table + ".bin");
        if (!Files.isRegularFile(file))
        {
            throw new IOException("no " + table + ".bin");
        }
        try (BinaryTableReader reader = BinaryTableReader.open(file))
        {
            final T totals = factory.create(reader.schema());
            reader.replay(totals);
            return totals;
        }
        catch (final IOException ex)
        {
            throw new IOException(table + ".bin: " + ex.getMessage(), ex);
        }
    }

    /** @return the index of a column the summary needs, checked to be of {@code type}. */
    static int column(final TableSchema schema, final String name, final ColumnType type) throws IOException
    {
        final int index = schema.indexOf(name);
        if (index < 0 || schema.column(index).type() != type)
        {
            throw new IOException("no " + type.name().toLowerCase(Locale.ROOT) + " column " + name);
        }
        return index;
    }

    /** @return the labels of an ENUM column, by index. */
    static List<String> labels(final TableSchema schema, final int column)
    {
        return schema.column(column).labels();
    }

    /** Counters that were not measured add nothing to a sum. */
    static long count(final long value)
    {
        return value == NOT_MEASURED ? 0 : value;
    }

    /** Called once per row with every column's value; ENUM cells hold the label index (-1: not measured). */
    abstract void endRow(long[] values);

    @Override
    public final void beginRow()
    {
        column = 0;
    }

    @Override
    public final void putLong(final long value)
    {
        row[column++] = value;
    }

    /** No figure of the summary comes from a FLOAT64 column. */
    @Override
    public final void putDouble(final double value)
    {
        column++;
    }

    @Override
    public final void putNanos(final long nanos)
    {
        row[column++] = nanos;
    }

    /** No figure of the summary comes from an address. */
    @Override
    public final void putAddress(final int ipVersion, final long high, final long low)
    {
        column++;
    }

    @Override
    public final void putEnum(final int labelIndex)
    {
        row[column++] = labelIndex;
    }

    @Override
    public final void putBoolean(final boolean value)
    {
        row[column++] = value ? 1 : 0;
    }

    @Override
    public final void putNull()
    {
        row[column++] = NOT_MEASURED;
    }

    @Override
    public final void endRow()
    {
        endRow(row);
    }

    /** Reading writes no file: there is nothing to commit, abort or close. */
    @Override
    public final void commit()
    {
    }

    @Override
    public final void abort()
    {
    }

    @Override
    public final void close()
    {
    }

    /** Makes the totals of one table once its schema is known; fails when a needed column is missing. */
    @FunctionalInterface
    interface Factory<T extends TableTotals>
    {
        T create(TableSchema schema) throws IOException;
    }
}
