package org.mptcpstat.parser.source;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A capture read from a stream into one reusable window buffer: a pipe (standard input), or a
 * gzip-compressed file inflated on the fly, so that no uncompressed copy is ever written to disk.
 * <p>
 * The window slides forward: when a fetch reaches past the inflated bytes, the still-needed tail
 * is moved to the front and the rest is refilled from the inflater. Skipping ahead (large
 * pcapng blocks nobody reads) inflates and discards.
 */
public final class StreamSource implements CaptureSource
{
    private static final int INPUT_BUFFER_SIZE = 1 << 16;
    /**
     * The most one read may inflate. A read that runs into corrupt data throws away all it had
     * inflated, so this bounds how much of what precedes the damage is lost.
     */
    static final int INFLATE_CHUNK = 1 << 13;

    private final CountingInputStream file;
    private final InputStream inflater;
    /** What the fault messages call the input. */
    private final String name;
    private final byte[] window = new byte[MAX_WINDOW];
    private final UnsafeBuffer buffer = new UnsafeBuffer(window);
    private long windowStart;
    private int filled;
    private int index;
    private boolean ended;
    private String fault;

    private StreamSource(final CountingInputStream file, final InputStream content, final String name)
    {
        this.file = file;
        this.inflater = content;
        this.name = name;
    }

    /** Reads a stream as it is. */
    public static StreamSource plain(final InputStream in)
    {
        final CountingInputStream counted = new CountingInputStream(in);
        return new StreamSource(counted, counted, "input");
    }

    /** Inflates a gzip stream; closes it when its header is bad. */
    public static StreamSource gzip(final InputStream in) throws IOException
    {
        final CountingInputStream counted = new CountingInputStream(in);
        try
        {
            return new StreamSource(counted, new GZIPInputStream(counted, INPUT_BUFFER_SIZE), "gzip stream");
        }
        catch (final EOFException ex)
        {
            counted.close();
            throw new IOException("file ends inside its gzip header", ex);
        }
        catch (final IOException ex)
        {
            counted.close();
            throw new IOException("corrupt gzip header: " + ex.getMessage(), ex);
        }
    }

    /** Inflates a gzip file. */
    public static StreamSource gzip(final Path path) throws IOException
    {
        return gzip(Files.newInputStream(path));
    }

    @Override
    public int fetch(final long position, final int length)
    {
        if (length < 0 || length > MAX_WINDOW || position < windowStart)
        {
            throw new IllegalArgumentException("window out of range: " + position + "+" + length);
        }
        while (windowStart + filled < position && !ended)
        {
            // Skipping ahead: everything inflated so far lies before the position.
            windowStart += filled;
            filled = 0;
            fill((int)Math.min(position - windowStart, window.length));
        }
        if (position + length > windowStart + filled)
        {
            // Slide and refill the whole window only when a fetch runs past it: one copy per window.
            slideTo(position);
            fill(window.length);
        }
        final long available = windowStart + filled - position;
        if (available <= 0)
        {
            index = 0;
            return 0;
        }
        index = (int)(position - windowStart);
        return (int)Math.min(length, available);
    }

    /** Moves the bytes from {@code position} on to the front of the window. */
    private void slideTo(final long position)
    {
        final int from = (int)Math.min(filled, position - windowStart);
        System.arraycopy(window, from, window, 0, filled - from);
        filled -= from;
        windowStart += from;
    }

    /** Inflates until at least {@code wanted} bytes are in the window or the input ends. */
    private void fill(final int wanted)
    {
        while (filled < wanted && !ended)
        {
            try
            {
                final int n = inflater.read(window, filled, Math.min(INFLATE_CHUNK, window.length - filled));
                if (n < 0)
                {
                    ended = true;
                }
                else
                {
                    filled += n;
                }
            }
            catch (final EOFException ex)
            {
                ended = true;
                fault = name + " truncated after " + (windowStart + filled) + " bytes";
            }
            catch (final IOException ex)
            {
                ended = true;
                fault = name + " unreadable after " + (windowStart + filled) + " bytes" +
                    (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            }
        }
    }

    @Override
    public DirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int index()
    {
        return index;
    }

    @Override
    public long size()
    {
        return -1;
    }

    @Override
    public long fileBytesConsumed()
    {
        return file.count();
    }

    @Override
    public String fault()
    {
        return fault;
    }

    @Override
    public void close()
    {
        try
        {
            inflater.close();
        }
        catch (final IOException ignored)
        {
            // Read-only stream: nothing to lose on a failed close.
        }
    }
}
