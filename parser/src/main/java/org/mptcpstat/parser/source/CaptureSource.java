package org.mptcpstat.parser.source;

import org.agrona.DirectBuffer;

/**
 * Forward-only access to the bytes of one capture file, addressed by {@code long} positions so
 * that files far beyond 2 GiB work the same as small ones.
 * <p>
 * A reader asks for a window with {@link #fetch(long, int)} and then reads it through
 * {@link #buffer()} starting at {@link #index()}. The window stays valid until the next fetch.
 * A fetch must not start before the previous one: sources may discard what lies before it (an
 * inflating stream cannot rewind; a mapping may already be unmapped).
 * <p>
 * Input faults (an I/O error, a truncated or corrupt gzip stream) never escape as exceptions:
 * the source behaves as if the input ended there and describes the fault in {@link #fault()},
 * so that the records read so far stay usable.
 */
public interface CaptureSource extends AutoCloseable
{
    /**
     * The longest window a caller may ask for: it bounds the mapping overlap and the inflation
     * buffer, and readers treat any record that would need more as corrupt.
     */
    int MAX_WINDOW = 4 * 1024 * 1024;

    /**
     * Makes the bytes {@code [position, position + length)} readable.
     *
     * @param position absolute position in the uncompressed capture.
     * @param length   bytes wanted, at most {@link #MAX_WINDOW}.
     * @return how many of them are available: {@code length}, or fewer only at the end of input.
     */
    int fetch(long position, int length);

    /**
     * @return the buffer holding the last fetched window.
     */
    DirectBuffer buffer();

    /**
     * @return the index in {@link #buffer()} of the first byte of the last fetched window.
     */
    int index();

    /**
     * @return size of the capture in bytes, or -1 where it is not known in advance (gzip).
     */
    long size();

    /**
     * @return bytes consumed from the underlying file so far, for progress reporting.
     */
    long fileBytesConsumed();

    /**
     * @return a one-line description of the input fault that ended reading early, or null.
     */
    String fault();

    /**
     * Asks the source to keep each window readable, at the same address, after it moves on, and
     * to hand the memory to {@code retirement} instead of reusing or unmapping it.
     *
     * @param retirement where mappings go once the source is past them, or null to unmap them at
     *                   once again.
     * @return whether the source does so: one that maps the file can; one that reuses a buffer
     * (a stream, gzip) cannot, and its records must be copied to outlive the next fetch.
     */
    default boolean retireMappingsTo(final MappingRetirement retirement)
    {
        return false;
    }

    @Override
    void close();
}
