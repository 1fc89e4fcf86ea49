package org.mptcpstat.api;

import org.mptcpstat.emitters.table.CommitGroup;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.emitters.table.TableSinks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes every table into one folder ({@code TABLE.csv}, {@code TABLE.bin}), each under a
 * temporary name until {@link #commit()} renames them all. {@link #abort()} may come from another
 * thread (a shutdown hook on Ctrl-C) while the analysis runs: once it has, nothing is committed.
 */
public final class FolderTableOutput implements TableOutput
{
    private final Path folder;
    private final Set<TableFormat> formats;
    private final CommitGroup sinks = new CommitGroup();

    /** @param formats at least one of CSV and binary. */
    public FolderTableOutput(final Path folder, final Set<TableFormat> formats)
    {
        if (formats.isEmpty())
        {
            throw new IllegalArgumentException("no table format chosen");
        }
        this.folder = folder;
        this.formats = EnumSet.copyOf(formats);
    }

    @Override
    public RowSink open(final TableSchema schema, final int timeDecimals) throws IOException
    {
        sinks.checkNotAborted();
        Files.createDirectories(folder);
        final RowSink sink = TableSinks.open(folder, schema, formats, timeDecimals);
        if (!sinks.add(sink))
        {
            throw new IOException("interrupted");
        }
        return sink;
    }

    @Override
    public void commit() throws IOException
    {
        sinks.commit();
    }

    /** Deletes the temporary files of the tables, unless they were committed already. */
    @Override
    public void abort()
    {
        sinks.abort();
    }

    /** @return whether {@link #abort()} was called before the tables were committed. */
    public boolean aborted()
    {
        return sinks.aborted();
    }
}
