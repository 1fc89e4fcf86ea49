package org.mptcpstat.emitters.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered columns of one output table. Built once per table with {@link Builder}; the same
 * schema drives the CSV header, the binary header and {@code docs/COLUMNS.md}.
 */
public final class TableSchema
{
    private final String name;
    private final String description;
    private final List<Column> columns;

    private TableSchema(final String name, final String description, final List<Column> columns)
    {
        this.name = name;
        this.description = description;
        this.columns = List.copyOf(columns);
    }

    public static Builder builder(final String name, final String description)
    {
        return new Builder(name, description);
    }

    /** @return the table's file name without extension, e.g. {@code tcp_connections}. */
    public String name()
    {
        return name;
    }

    public String description()
    {
        return description;
    }

    public List<Column> columns()
    {
        return columns;
    }

    public int columnCount()
    {
        return columns.size();
    }

    public Column column(final int index)
    {
        return columns.get(index);
    }

    /** @return index of the named column, or -1. */
    public int indexOf(final String columnName)
    {
        for (int i = 0; i < columns.size(); i++)
        {
            if (columns.get(i).name().equals(columnName))
            {
                return i;
            }
        }
        return -1;
    }

    /** Collects columns in order. */
    public static final class Builder
    {
        private final String name;
        private final String description;
        private final List<Column> columns = new ArrayList<>();

        private Builder(final String name, final String description)
        {
            this.name = name;
            this.description = description;
        }

        public Builder column(
            final String columnName, final ColumnType type, final String unit, final String meaning, final String reference)
        {
            return add(new Column(columnName, type, unit, meaning, reference, List.of()));
        }

        public Builder enumColumn(final String columnName, final List<String> labels, final String meaning,
            final String reference)
        {
            return add(new Column(columnName, ColumnType.ENUM, "", meaning, reference, labels));
        }

        public Builder add(final Column column)
        {
            for (final Column existing : columns)
            {
                if (existing.name().equals(column.name()))
                {
                    throw new IllegalArgumentException("duplicate column " + column.name() + " in " + name);
                }
            }
            columns.add(column);
            return this;
        }

        public TableSchema build()
        {
            return new TableSchema(name, description, columns);
        }
    }
}
