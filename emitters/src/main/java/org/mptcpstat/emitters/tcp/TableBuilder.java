package org.mptcpstat.emitters.tcp;

import org.mptcpstat.emitters.table.Column;
import org.mptcpstat.emitters.table.ColumnType;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.TcpConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Declares a connection table once: each column together with the code that fills it, so the
 * schema (headers, binary header, {@code docs/COLUMNS.md}) and the rows cannot drift apart.
 * Per-direction columns are declared once and appear twice, as {@code c2s_*} (sent by the client)
 * and {@code s2c_*} (sent by the server); all client columns come before all server columns.
 */
final class TableBuilder
{
    /** Fills one cell of a connection's row; {@code direction} is the connection's own (0 or 1). */
    @FunctionalInterface
    interface Cell
    {
        void write(TcpConnection connection, ConnectionExtras extras, int direction, RowSink sink) throws IOException;
    }

    private final TableSchema.Builder schema;
    private final List<Column> connectionColumns = new ArrayList<>();
    private final List<Cell> connectionCells = new ArrayList<>();
    private final List<Column> directionColumns = new ArrayList<>();
    private final List<Cell> directionCells = new ArrayList<>();

    TableBuilder(final String name, final String description)
    {
        this.schema = TableSchema.builder(name, description);
    }

    TableBuilder connection(
        final String name, final ColumnType type, final String unit, final String meaning, final String reference,
        final Cell cell)
    {
        connectionColumns.add(new Column(name, type, unit, meaning, reference, List.of()));
        connectionCells.add(cell);
        return this;
    }

    TableBuilder connectionEnum(final String name, final List<String> labels, final String meaning, final String reference,
        final Cell cell)
    {
        connectionColumns.add(new Column(name, ColumnType.ENUM, "", meaning, reference, labels));
        connectionCells.add(cell);
        return this;
    }

    TableBuilder direction(
        final String name, final ColumnType type, final String unit, final String meaning, final String reference,
        final Cell cell)
    {
        directionColumns.add(new Column(name, type, unit, meaning, reference, List.of()));
        directionCells.add(cell);
        return this;
    }

    ConnectionTable build()
    {
        for (final Column column : connectionColumns)
        {
            schema.add(column);
        }
        for (final String prefix : new String[] { "c2s_", "s2c_" })
        {
            for (final Column column : directionColumns)
            {
                schema.add(new Column(prefix + column.name(), column.type(), column.unit(),
                    (prefix.equals("c2s_") ? "Client to server: " : "Server to client: ") + column.description(),
                    column.reference(), column.labels()));
            }
        }
        return new ConnectionTable(schema.build(), connectionCells.toArray(new Cell[0]),
            directionCells.toArray(new Cell[0]));
    }

    /** A built table: its schema and how to write a connection as one row. */
    static final class ConnectionTable
    {
        private final TableSchema schema;
        private final Cell[] connectionCells;
        private final Cell[] directionCells;

        private ConnectionTable(final TableSchema schema, final Cell[] connectionCells, final Cell[] directionCells)
        {
            this.schema = schema;
            this.connectionCells = connectionCells;
            this.directionCells = directionCells;
        }

        TableSchema schema()
        {
            return schema;
        }

        void write(final TcpConnection connection, final ConnectionExtras extras, final RowSink sink) throws IOException
        {
            sink.beginRow();
            for (final Cell cell : connectionCells)
            {
                cell.write(connection, extras, -1, sink);
            }
            for (int side = 0; side < 2; side++)
            {
                final int direction = side == 0 ? connection.clientDirection() : connection.serverDirection();
                for (final Cell cell : directionCells)
                {
                    cell.write(connection, extras, direction, sink);
                }
            }
            sink.endRow();
        }
    }
}
