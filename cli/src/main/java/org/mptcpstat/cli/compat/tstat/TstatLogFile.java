package org.mptcpstat.cli.compat.tstat;

import org.mptcpstat.emitters.AsciiWriter;
import org.mptcpstat.emitters.table.AtomicFile;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.TcpConnection;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;

/** One tstat log being written: its header line, then a row per connection, under a temporary name until committed. */
final class TstatLogFile
{
    private final TstatLog log;
    private final AtomicFile file;
    private final AsciiWriter writer;

    private TstatLogFile(final TstatLog log, final AtomicFile file, final AsciiWriter writer)
    {
        this.log = log;
        this.file = file;
        this.writer = writer;
    }

    /** Starts {@code folder/name} with the log's header line. */
    static TstatLogFile create(final Path folder, final String name, final TstatLog log) throws IOException
    {
        final AtomicFile file = AtomicFile.create(folder, name);
        try
        {
            final AsciiWriter writer = new AsciiWriter(Channels.newOutputStream(file.channel()));
            log.writeHeader(writer);
            return new TstatLogFile(log, file, writer);
        }
        catch (final IOException | RuntimeException ex)
        {
            file.abort();
            throw ex;
        }
    }

    void write(final TcpConnection connection, final ConnectionExtras extras) throws IOException
    {
        log.writeRow(connection, extras, writer);
    }

    /** Writes what is buffered and gives the file its final name. */
    void commit() throws IOException
    {
        writer.flush();
        file.commit();
    }

    /** Deletes the temporary file; never throws. */
    void abort()
    {
        file.abort();
    }
}
