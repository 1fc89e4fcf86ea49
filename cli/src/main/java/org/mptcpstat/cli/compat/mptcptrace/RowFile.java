package org.mptcpstat.cli.compat.mptcptrace;

import org.mptcpstat.emitters.AsciiWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One text file of a connection, created when its first row comes (or empty when the
 * connection ends without one), so that a connection holds open only the files it writes.
 * The writer and its buffer are reused for the next connection's file of the same kind: the
 * rows of a whole capture allocate a stream per file, nothing per row.
 */
final class RowFile
{
    /** Small: a connection has up to eight of these open, and a capture many connections. */
    private static final int BUFFER_BYTES = 4096;

    private final FileStream stream = new FileStream();
    private final AsciiWriter writer = new AsciiWriter(stream, BUFFER_BYTES);
    private Path path;
    private String header;

    /** Names the file the next rows go to: first, and again after each {@link #close()}. */
    void name(final Path file)
    {
        name(file, null);
    }

    /** @param firstLine the line the file starts with, or null. */
    void name(final Path file, final String firstLine)
    {
        path = file;
        header = firstLine;
    }

    /** @return the writer of the file's rows, creating the file at the first call. */
    AsciiWriter rows() throws IOException
    {
        if (stream.file == null)
        {
            stream.file = Files.newOutputStream(path);
            if (header != null)
            {
                writer.putAscii(header).endLine();
            }
        }
        return writer;
    }

    /** Writes out the rows and closes the file, creating it empty when no row came. */
    void close() throws IOException
    {
        rows();
        writer.flush();
        stream.file.close();
        stream.file = null;
    }

    /**
     * Closes the file without writing out its rows, whose bytes stay in the buffer: the analysis
     * was aborted and this object is not used again. Never throws, as it runs while an error unwinds.
     */
    void abandon()
    {
        if (stream.file == null)
        {
            return;
        }
        try
        {
            stream.file.close();
        }
        catch (final IOException ignored)
        {
            // The file is deleted with its folder: nothing of it is kept.
        }
        stream.file = null;
    }

    /** The file open now; the writer's own {@code close} is never called, so that it stays usable. */
    private static final class FileStream extends OutputStream
    {
        private OutputStream file;

        @Override
        public void write(final int b) throws IOException
        {
            file.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            file.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException
        {
            file.flush();
        }
    }
}
