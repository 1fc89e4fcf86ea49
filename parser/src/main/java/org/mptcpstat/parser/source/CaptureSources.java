package org.mptcpstat.parser.source;

import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the right {@link CaptureSource} for a file, judged by its first bytes, never its name. */
public final class CaptureSources
{
    private static final int GZIP_MAGIC_0 = 0x1F;
    private static final int GZIP_MAGIC_1 = 0x8B;

    private CaptureSources()
    {
    }

    public static CaptureSource open(final Path path) throws IOException
    {
        return open(path, MappedFileSource.DEFAULT_CHUNK_SIZE, CaptureSource.MAX_WINDOW);
    }

    /**
     * @param chunkSize mapping chunk size for uncompressed files (see {@link MappedFileSource}).
     * @param overlap   mapping overlap for uncompressed files.
     */
    public static CaptureSource open(final Path path, final long chunkSize, final long overlap) throws IOException
    {
        return isGzip(path) ? StreamSource.gzip(path) : new MappedFileSource(path, chunkSize, overlap);
    }

    /**
     * Reads a capture from a stream (standard input), plain or gzip by its first bytes; the
     * stream is read once, forward, with nothing written to disk.
     */
    public static CaptureSource open(final InputStream in) throws IOException
    {
        final BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        final boolean gzip = buffered.read() == GZIP_MAGIC_0 && buffered.read() == GZIP_MAGIC_1;
        buffered.reset();
        return gzip ? StreamSource.gzip(buffered) : StreamSource.plain(buffered);
    }

    private static boolean isGzip(final Path path) throws IOException
    {
        try (InputStream in = Files.newInputStream(path))
        {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        }
    }
}
