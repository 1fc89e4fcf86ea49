package org.mptcpstat.cli.tables;

import org.mptcpstat.emitters.table.BinaryTableReader;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.AddressPrefixes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A {@link RowSink} that reads one table instead of writing it, for {@code summary} and
 * {@code report}. Every value of a row lands in one reused slot per column (integers,
 * nanoseconds, booleans and label indexes in a {@code long[]}, FLOAT64 values in a
 * {@code double[]}), so subclasses read the columns they need by index in
 * {@link #endRow(long[], double[])} and nothing is allocated per row. ADDRESS cells keep their
 * IP version (4 or 6; {@link #NOT_MEASURED} if not measured) in the {@code long[]} slot and their
 * two halves in parallel arrays, read with {@link #addressHigh(int)}, {@link #addressLow(int)} and
 * {@link #addressIn(int, AddressPrefixes)}.
 */
public abstract class TableValues implements RowSink
{
    /** INT64, TIME and DURATION columns' "not measured"; also what {@link #putNull()} stores. */
    public static final long NOT_MEASURED = Long.MIN_VALUE;

    private final long[] row;
    private final double[] doubles;
    private final long[] addressHighs;
    private final long[] addressLows;
    private int column;

    protected TableValues(final TableSchema schema)
    {
        row = new long[schema.columnCount()];
        doubles = new double[schema.columnCount()];
        addressHighs = new long[schema.columnCount()];
        addressLows = new long[schema.columnCount()];
    }

    /** Replays {@code folder/table.bin} into the reader {@code factory} makes from its schema. */
    public static <T extends TableValues> T replay(final Path folder, final String table, final Factory<T> factory)
        throws IOException
    {
        final Path file = folder.resolve(table + ".bin");
        if (!Files.isRegularFile(file))
        {
            throw new IOException("no " + table + ".bin");
        }
        try (BinaryTableReader reader = BinaryTableReader.open(file))
        {
            final T values = factory.create(reader.schema());
            reader.replay(values);
            return values;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IOException(table + ".bin: " + ex.getMessage(), ex);
        }
    }

    /** @return the index of a column the caller needs, checked to be of {@code type}. */
    public static int column(final TableSchema schema, final String name, final ColumnType type) throws IOException
    {
        final int index = schema.indexOf(name);
        if (index < 0 || schema.column(index).type() != type)
        {
            throw new IOException("no " + type.name().toLowerCase(Locale.ROOT) + " column " + name);
        }
        return index;
    }

    /** @return the labels of an ENUM column, by index. */
    public static List<String> labels(final TableSchema schema, final int column)
    {
        return schema.column(column).labels();
    }

    /** Counters that were not measured add nothing to a sum. */
    public static long count(final long value)
    {
        return value == NOT_MEASURED ? 0 : value;
    }

    /**
     * Called once per row with every column's value; ENUM cells hold the label index (-1: not
     * measured); FLOAT64 cells are in {@code doubles} (NaN: not measured).
     */
    protected abstract void endRow(long[] values, double[] doubles);

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

    @Override
    public final void putDouble(final double value)
    {
        doubles[column++] = value;
    }

    @Override
    public final void putNanos(final long nanos)
    {
        row[column++] = nanos;
    }

    /** Keeps the version in the row's slot and the two halves aside: nothing is allocated. */
    @Override
    public final void putAddress(final int ipVersion, final long high, final long low)
    {
        addressHighs[column] = high;
        addressLows[column] = low;
        row[column++] = ipVersion;
    }

    /** @return the high 64 bits of the current row's ADDRESS cell (0 for IPv4 and not measured). */
    protected final long addressHigh(final int addressColumn)
    {
        return addressHighs[addressColumn];
    }

    /** @return the low 64 bits of the current row's ADDRESS cell (IPv4 in the low 32 bits). */
    protected final long addressLow(final int addressColumn)
    {
        return addressLows[addressColumn];
    }

    /** @return whether the current row's ADDRESS cell was measured and lies in one of {@code prefixes}. */
    protected final boolean addressIn(final int addressColumn, final AddressPrefixes prefixes)
    {
        final long version = row[addressColumn];
        return (version == 4 || version == 6)
            && prefixes.contains((int)version, addressHighs[addressColumn], addressLows[addressColumn]);
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
        doubles[column] = Double.NaN;
        addressHighs[column] = 0;
        addressLows[column] = 0;
        row[column++] = NOT_MEASURED;
    }

    @Override
    public final void endRow()
    {
        endRow(row, doubles);
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

    /** Makes the reader of one table once its schema is known; fails when a needed column is missing. */
    @FunctionalInterface
    public interface Factory<T extends TableValues>
    {
        T create(TableSchema schema) throws IOException;
    }
}
