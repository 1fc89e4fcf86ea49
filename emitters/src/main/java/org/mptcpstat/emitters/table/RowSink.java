package org.mptcpstat.emitters.table;

import java.io.IOException;

/**
 * Receives the rows of one table, value by value in schema order, and writes them in one format.
 * Nothing is allocated per row or per value.
 * <p>
 * A sink writes to a temporary file and renames it to its final name in {@link #commit()}, so a
 * failure never leaves a half-written table behind; {@link #abort()} deletes the temporary file.
 * Call {@link #close()} in a finally block: it aborts a sink that was not committed.
 * <p>
 * Each {@code put} fills the next column; a row must get exactly one value per column, of the
 * column's type, between {@link #beginRow()} and {@link #endRow()}. The "not measured" values of
 * {@link ColumnType} (or {@link #putNull()}) mark a value as absent.
 */
public interface RowSink extends Committable, AutoCloseable
{
    void beginRow() throws IOException;

    /** INT64 columns. */
    void putLong(long value) throws IOException;

    /** FLOAT64 columns. */
    void putDouble(double value) throws IOException;

    /** TIME (epoch nanoseconds) and DURATION (nanoseconds) columns. */
    void putNanos(long nanos) throws IOException;

    /**
     * ADDRESS columns.
     *
     * @param ipVersion 4 or 6; an IPv4 address is the low 32 bits of {@code low}.
     */
    void putAddress(int ipVersion, long high, long low) throws IOException;

    /** ENUM columns: the label index, or -1 for not measured. */
    void putEnum(int labelIndex) throws IOException;

    /** BOOLEAN columns. */
    void putBoolean(boolean value) throws IOException;

    /** Any column: the value was not measured. */
    void putNull() throws IOException;

    void endRow() throws IOException;

    /** Aborts unless committed. */
    @Override
    void close();
}
