package org.mptcpstat.emitters.table;

import java.util.List;

/**
 * Renders table schemas as the Markdown of {@code docs/COLUMNS.md}, so the documentation is
 * generated from the same declarations that write the tables.
 */
public final class ColumnsDocument
{
    private ColumnsDocument()
    {
    }

    public static String render(final String introduction, final List<TableSchema> schemas)
    {
        final StringBuilder text = new StringBuilder(introduction);
        for (final TableSchema schema : schemas)
        {
            text.append("\n## ").append(schema.name()).append("\n\n").append(schema.description()).append("\n\n");
            text.append("| column | type | unit | meaning | tcptrace / tstat |\n|---|---|---|---|---|\n");
            for (final Column column : schema.columns())
            {
                final String type = column.type() == ColumnType.ENUM ?
                    "enum: " + String.join(", ", column.labels()) : column.type().name().toLowerCase(java.util.Locale.ROOT);
                text.append("| `").append(column.name()).append("` | ").append(type).append(" | ")
                    .append(column.unit()).append(" | ").append(column.description().replace("|", "\\|"))
                    .append(" | ").append(column.reference()).append(" |\n");
            }
        }
        return text.toString();
    }
}
