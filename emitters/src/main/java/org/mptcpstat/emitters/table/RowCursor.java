package org.mptcpstat.emitters.table;

/**
 * Tracks which column the next value fills. Both sinks use it to reject a row of the wrong shape
 * or a value of the wrong type with an {@link IllegalStateException}: such a programming error
 * would otherwise shift every later CSV cell, or silently corrupt a binary row. A value of the
 * wrong type leaves the cursor where it was.
 */
final class RowCursor
{
    private static final int OUTSIDE_ROW = -1;

    private final ColumnType[] types;
    private final int[] labelCounts;
    private int column = OUTSIDE_ROW;

    RowCursor(final TableSchema schema)
    {
        if (schema.columnCount() == 0)
        {
            throw new IllegalArgumentException("table " + schema.name() + " has no columns");
        }
        types = new ColumnType[schema.columnCount()];
        labelCounts = new int[schema.columnCount()];
        for (int i = 0; i < types.length; i++)
        {
            types[i] = schema.column(i).type();
            labelCounts[i] = schema.column(i).labels().size();
        }
    }

    /** @return the column types, in order; callers must not modify the array. */
    ColumnType[] types()
    {
        return types;
    }

    boolean inRow()
    {
        return column != OUTSIDE_ROW;
    }

    void beginRow()
    {
        if (inRow())
        {
            throw new IllegalStateException("beginRow() before endRow()");
        }
        column = 0;
    }

    /** @return the index of the column a value of {@code type} fills now; it then moves on. */
    int next(final ColumnType type)
    {
        final int index = current();
        if (types[index] != type)
        {
            throw mismatch(index, type.name());
        }
        return column++;
    }

    /** @return the index of the TIME or DURATION column a nanosecond value fills now; it then moves on. */
    int nextNanos()
    {
        final int index = current();
        if (types[index] != ColumnType.TIME && types[index] != ColumnType.DURATION)
        {
            throw mismatch(index, "TIME or DURATION");
        }
        return column++;
    }

    /**
     * @return the index of the ENUM column {@code labelIndex} fills now; it then moves on.
     * @throws IllegalArgumentException when the column has no such label (-1, not measured, is fine).
     */
    int nextEnum(final int labelIndex)
    {
        final int index = current();
        if (types[index] != ColumnType.ENUM)
        {
            throw mismatch(index, ColumnType.ENUM.name());
        }
        if (labelIndex < -1 || labelIndex >= labelCounts[index])
        {
            throw new IllegalArgumentException("label index " + labelIndex + " of " + labelCounts[index]);
        }
        return column++;
    }

    /** @return the index of the column a value fills now, whatever its type; it then moves on. */
    int nextAny()
    {
        final int index = current();
        column++;
        return index;
    }

    private int current()
    {
        if (!inRow())
        {
            throw new IllegalStateException("value outside a row: call beginRow() first");
        }
        if (column == types.length)
        {
            throw new IllegalStateException("more values than the " + types.length + " columns");
        }
        return column;
    }

    void endRow()
    {
        if (column != types.length)
        {
            throw new IllegalStateException(inRow() ?
                "row ended after " + column + " of " + types.length + " values" : "endRow() without beginRow()");
        }
        column = OUTSIDE_ROW;
    }

    private IllegalStateException mismatch(final int index, final String expected)
    {
        return new IllegalStateException("column " + index + " is " + types[index] + ", not " + expected);
    }
}
