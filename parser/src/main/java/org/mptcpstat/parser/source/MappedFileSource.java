package org.mptcpstat.parser.source;

import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read through memory mappings, one chunk at a time.
 * <p>
 * A single {@link MappedByteBuffer} cannot exceed 2 GiB, so the file is mapped in chunks that
 * start at multiples of {@code chunkSize} and overlap the next chunk by {@code overlap} bytes
 * ({@link CaptureSource#MAX_WINDOW} by default). Any window no longer than the overlap that
 * starts inside a chunk therefore lies wholly inside its mapping: a record is never split across
 * two mappings, and remapping happens once per chunk. (A longer window still works: its mapping
 * is stretched to hold it.) The previous chunk is unmapped as soon as the next one is mapped, so
 * address space stays at one chunk whatever the file size, unless a {@link MappingRetirement}
 * takes the mappings over: then each stays mapped until it unmaps it.
 */
public final class MappedFileSource implements CaptureSource
{
    /**
     * 256 MiB chunks: a remap costs little per chunk, and the pages of a mapped chunk count in the
     * process's resident memory until it is unmapped, so smaller chunks keep a long run's RSS
     * flat (1 GiB chunks showed 1.1 GB peak RSS on a 3 GB capture streamed with --stdout).
     */
    public static final long DEFAULT_CHUNK_SIZE = 1L << 28;

    private final FileChannel channel;
    private final long size;
    private final long chunkSize;
    private final long overlap;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private MappedByteBuffer mapping;
    private MappingRetirement retirement;
    private long mappingStart;
    private long mappingEnd;
    private int index;
    private long consumed;
    private String fault;

    public MappedFileSource(final Path path) throws IOException
    {
        this(path, DEFAULT_CHUNK_SIZE, MAX_WINDOW);
    }

    /**
     * @param chunkSize distance between chunk starts.
     * @param overlap   bytes each mapping reaches into the next chunk; small chunks and overlaps
     *                  let tests cross chunk boundaries on small files.
     */
    public MappedFileSource(final Path path, final long chunkSize, final long overlap) throws IOException
    {
        if (chunkSize <= 0 || overlap < 0 || chunkSize + Math.max(overlap, MAX_WINDOW) > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("chunk size or overlap out of range: " + chunkSize + ", " + overlap);
        }
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.chunkSize = chunkSize;
        this.overlap = overlap;
    }

    @Override
    public int fetch(final long position, final int length)
    {
        if (length < 0 || length > MAX_WINDOW || position < 0)
        {
            throw new IllegalArgumentException("window out of range: " + position + "+" + length);
        }
        if (position >= size || fault != null)
        {
            return 0;
        }
        final long end = Math.min(size, position + length);
        if (mapping == null || position < mappingStart || end > mappingEnd)
        {
            if (!map(position - position % chunkSize, end))
            {
                return 0;
            }
        }
        index = (int)(position - mappingStart);
        consumed = Math.max(consumed, end);
        return (int)(end - position);
    }

    private boolean map(final long start, final long windowEnd)
    {
        unmap();
        final long end = Math.min(size, Math.max(windowEnd, start + chunkSize + overlap));
        try
        {
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, start, end - start);
        }
        catch (final IOException | RuntimeException ex)
        {
            fault = "cannot map bytes " + start + ".." + end + ": " + ex.getMessage();
            return false;
        }
        buffer.wrap(mapping);
        mappingStart = start;
        mappingEnd = end;
        return true;
    }

    private void unmap()
    {
        if (mapping != null)
        {
            buffer.wrap(0, 0);
            if (retirement == null)
            {
                IoUtil.unmap(mapping);
            }
            else
            {
                final MappedByteBuffer retired = mapping;
                retirement.retire(() -> IoUtil.unmap(retired));
            }
            mapping = null;
        }
    }

    @Override
    public boolean retireMappingsTo(final MappingRetirement retirement)
    {
        this.retirement = retirement;
        return true;
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
        return size;
    }

    @Override
    public long fileBytesConsumed()
    {
        return consumed;
    }

    @Override
    public String fault()
    {
        return fault;
    }

    @Override
    public void close()
    {
        unmap();
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // Read-only channel: nothing was written that a failed close could lose.
        }
    }
}
