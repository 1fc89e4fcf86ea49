package org.mptcpstat.cli.compat.tstat;

import org.mptcpstat.emitters.AsciiWriter;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.TcpConnection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of one tstat log file, in tstat's order, each with the code that fills it: the
 * header line and the rows come from the same declarations, so they cannot drift apart.
 */
final class TstatLog
{
    /** tstat 3.3.0 starts its header lines with this tag; readers of its logs may expect it. */
    private static final String HEADER_TAG = "#15#";
    private static final int CONNECTION = -1;
    private static final int CLIENT = 0;
    private static final int SERVER = 1;

    /** Writes one cell of a connection's row; {@code direction} is the connection's own (0 or 1), or -1. */
    @FunctionalInterface
    interface Cell
    {
        void write(TcpConnection connection, ConnectionExtras extras, int direction, AsciiWriter out) throws IOException;
    }

    /** The cell of a column that mptcpstat does not measure. */
    static final Cell UNKNOWN = (c, x, d, out) -> out.putByte('-');

    /** A per-direction column: written once for the client ({@code c_name}), once for the server ({@code s_name}). */
    record Column(String name, Cell cell)
    {
    }

    private final byte[] header;
    private final Cell[] cells;
    private final int[] sides;

    private TstatLog(final byte[] header, final Cell[] cells, final int[] sides)
    {
        this.header = header;
        this.cells = cells;
        this.sides = sides;
    }

    static Builder builder()
    {
        return new Builder();
    }

    /** Writes the header line: {@code #15#} then each column as {@code name:number}, numbered from 1. */
    void writeHeader(final AsciiWriter out) throws IOException
    {
        out.putBytes(header);
        out.endLine();
    }

    /** Writes a connection as one line, cells separated by single spaces, as tstat does. */
    void writeRow(final TcpConnection connection, final ConnectionExtras extras, final AsciiWriter out)
        throws IOException
    {
        for (int i = 0; i < cells.length; i++)
        {
            if (i > 0)
            {
                out.putByte(' ');
            }
            final int direction = switch (sides[i])
            {
                case CLIENT -> connection.clientDirection();
                case SERVER -> connection.serverDirection();
                default -> CONNECTION;
            };
            cells[i].write(connection, extras, direction, out);
        }
        out.endLine();
    }

    /** Declares columns in file order. */
    static final class Builder
    {
        private final List<String> names = new ArrayList<>();
        private final List<Cell> cells = new ArrayList<>();
        private final List<Integer> sides = new ArrayList<>();

        private Builder()
        {
        }

        /** A block of per-direction columns: all client columns, then all server columns. */
        Builder sides(final Column... columns)
        {
            for (final int side : new int[] { CLIENT, SERVER })
            {
                for (final Column column : columns)
                {
                    add(prefix(side) + column.name(), column.cell(), side);
                }
            }
            return this;
        }

        /** One per-direction column whose client and server cells are adjacent. */
        Builder pair(final String name, final Cell cell)
        {
            return sides(new Column(name, cell));
        }

        /** A column about the whole connection. */
        Builder connection(final String name, final Cell cell)
        {
            return add(name, cell, CONNECTION);
        }

        /** Connection columns that mptcpstat does not measure: each cell is {@code -}. */
        Builder unknown(final String... columnNames)
        {
            for (final String name : columnNames)
            {
                connection(name, UNKNOWN);
            }
            return this;
        }

        TstatLog build()
        {
            final StringBuilder header = new StringBuilder(HEADER_TAG);
            for (int i = 0; i < names.size(); i++)
            {
                header.append(i == 0 ? "" : " ").append(names.get(i)).append(':').append(i + 1);
            }
            return new TstatLog(header.toString().getBytes(StandardCharsets.US_ASCII), cells.toArray(new Cell[0]),
                sides.stream().mapToInt(Integer::intValue).toArray());
        }

        private Builder add(final String name, final Cell cell, final int side)
        {
            names.add(name);
            cells.add(cell);
            sides.add(side);
            return this;
        }

        private static String prefix(final int side)
        {
            return side == CLIENT ? "c_" : "s_";
        }
    }
}
