package org.mptcpstat.cli.analyze;

import org.mptcpstat.api.TableOutput;
import org.mptcpstat.cli.compat.CompatFormat;
import org.mptcpstat.cli.compat.CompatOutput;
import org.mptcpstat.emitters.table.CommitGroup;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.TcpListenerTee;
import org.mptcpstat.flowtable.mptcp.MptcpListener;
import org.mptcpstat.flowtable.mptcp.MptcpListenerTee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Everything one capture's analysis writes into its folder: the tables and the files of each
 * {@code --compat} tool, committed together (or all aborted: on Ctrl-C from another thread).
 */
final class CaptureOutputs implements TableOutput
{
    private final TableOutput tables;
    /** The tables, then the compat tools' files. */
    private final CommitGroup parts = new CommitGroup();
    private TcpConnectionListener tcpListener;
    private MptcpListener mptcpListener;

    CaptureOutputs(final TableOutput tables)
    {
        this.tables = tables;
        parts.add(tables);
    }

    /** Opens the files of each compat tool; on failure, closes those already open. */
    void openCompat(final Path capture, final Path outputFolder, final Set<CompatFormat> formats) throws IOException
    {
        if (formats.isEmpty())
        {
            return;
        }
        Files.createDirectories(outputFolder);
        try
        {
            for (final CompatFormat format : formats)
            {
                final CompatOutput output = format.open(capture, outputFolder);
                if (!parts.add(output))
                {
                    throw new IOException("interrupted");
                }
                tcpListener = tcpListener == null ? output : new TcpListenerTee(tcpListener, output);
                mptcpListener = mptcpListener == null ? output : new MptcpListenerTee(mptcpListener, output);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            abort();
            throw ex;
        }
    }

    /** @return what the compat tools listen to, or null without --compat. */
    TcpConnectionListener tcpListener()
    {
        return tcpListener;
    }

    /** @return what the compat tools listen to, or null without --compat. */
    MptcpListener mptcpListener()
    {
        return mptcpListener;
    }

    /** @return whether {@link #abort()} came before the commit. */
    boolean aborted()
    {
        return parts.aborted();
    }

    @Override
    public RowSink open(final TableSchema schema, final int timeDecimals) throws IOException
    {
        parts.checkNotAborted();
        return tables.open(schema, timeDecimals);
    }

    @Override
    public void commit() throws IOException
    {
        parts.commit();
    }

    @Override
    public void abort()
    {
        parts.abort();
    }
}
