package org.mptcpstat.emitters.table;

import java.util.List;

/**
 * One column of a table: its name in CSV headers and binary schemas, its type, its unit, and
 * what it means (the text of {@code docs/COLUMNS.md}).
 *
 * @param name        column name, lower_snake_case, stable: other scripts rely on it.
 * @param type        value type.
 * @param unit        unit as text ("bytes", "packets", "us", "s"), empty where none applies.
 * @param description what the value means, in one or two sentences.
 * @param reference   the tcptrace/tstat/tshark field it corresponds to, empty where none does.
 * @param labels      for {@link ColumnType#ENUM}, the labels by index; empty otherwise.
 */
public record Column(String name, ColumnType type, String unit, String description, String reference,
    List<String> labels)
{
    public Column
    {
        labels = List.copyOf(labels);
        if ((type == ColumnType.ENUM) == labels.isEmpty())
        {
            throw new IllegalArgumentException("labels are for ENUM columns only: " + name);
        }
    }
}
