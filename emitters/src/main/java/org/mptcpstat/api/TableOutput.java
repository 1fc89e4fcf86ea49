package org.mptcpstat.api;

import org.mptcpstat.emitters.table.Committable;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;

import java.io.IOException;

/**
 * Where the tables of one capture's analysis go. The analyzer opens every table it writes
 * before the first packet, fills them as connections finish, then commits them all together, or
 * aborts them all when the analysis fails: readers see all of a capture's tables or none.
 * <p>
 * Ready-made outputs: {@link FolderTableOutput} (CSV and binary files),
 * {@link StreamTableOutput} (one table to a stream, e.g. standard output), {@link #NONE}.
 */
public interface TableOutput extends Committable
{
    /** Writes no table: for callers that only want the listeners' flyweights. */
    TableOutput NONE = new TableOutput()
    {
        @Override
        public RowSink open(final TableSchema schema, final int timeDecimals)
        {
            return null;
        }

        @Override
        public void commit()
        {
        }

        @Override
        public void abort()
        {
        }
    };

    /**
     * @param timeDecimals the capture's timestamp precision: 6 for microseconds, 9 for nanoseconds.
     * @return the sink for this table's rows, or null when the table is not wanted.
     */
    RowSink open(TableSchema schema, int timeDecimals) throws IOException;
}
