package org.mptcpstat.parser.capture;

import org.mptcpstat.parser.source.MappingRetirement;

/**
 * Walks the packet records of one capture, in file order, refilling one {@link PacketRecord}.
 * <p>
 * Capture bytes are untrusted: a reader checks every header against the bytes actually
 * available before using it. A record it cannot use is counted in {@link #malformedRecords()}
 * and skipped when its extent is still known; when the file structure itself can no longer be
 * trusted, reading stops and {@link #fault()} says why. Either way no exception escapes
 * {@link #next(PacketRecord)}.
 */
public interface CaptureReader extends AutoCloseable
{
    /** No record has more captured bytes: longer lengths are read as corrupt headers. */
    int MAX_CAPTURED_LENGTH = Limits.MAX_CAPTURED_LENGTH;

    /**
     * @return true when {@code record} now holds the next packet; false at the end of the capture
     * or at a fault that stops reading.
     */
    boolean next(PacketRecord record);

    /** @return records counted as malformed and skipped. */
    long malformedRecords();

    /** @return one-line reason why reading ended before the end of the file, or null. */
    String fault();

    /**
     * @return decimal digits of the finest timestamp resolution seen so far: 6 for microsecond
     * captures, 9 for nanosecond ones, what pcapng interfaces declare (at most 9) otherwise.
     */
    int timestampDecimals();

    /** @return bytes of the file consumed so far, for progress. */
    long bytesConsumed();

    /** @return size of the file in bytes, or -1 when unknown (compressed input). */
    long size();

    /**
     * Asks the reader to leave each record readable where it is after the next call to
     * {@link #next}, handing memory it moves past to {@code retirement} (see
     * {@link org.mptcpstat.parser.source.CaptureSource#retireMappingsTo}).
     *
     * @return whether it does; when not, a record is valid only until the next call.
     */
    default boolean retireMappingsTo(final MappingRetirement retirement)
    {
        return false;
    }

    @Override
    void close();
}
