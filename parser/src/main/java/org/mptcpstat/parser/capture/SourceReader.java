package org.mptcpstat.parser.capture;

import org.mptcpstat.parser.source.CaptureSource;
import org.mptcpstat.parser.source.MappingRetirement;

/**
 * What both capture formats' readers share: the source, the count of malformed records, and the
 * one fault that stops reading.
 */
abstract class SourceReader implements CaptureReader
{
    final CaptureSource source;
    long malformed;
    String fault;

    SourceReader(final CaptureSource source)
    {
        this.source = source;
    }

    /** A header that cannot be trusted leaves no safe place to resume, so reading ends. */
    final void stop(final String reason)
    {
        malformed++;
        fault = reason;
    }

    /** An input fault (I/O error, truncated gzip) explains better why the bytes ran out. */
    final void noteSourceFault()
    {
        if (source.fault() != null)
        {
            fault = source.fault();
        }
    }

    @Override
    public final long malformedRecords()
    {
        return malformed;
    }

    @Override
    public final String fault()
    {
        return fault;
    }

    @Override
    public final long bytesConsumed()
    {
        return source.fileBytesConsumed();
    }

    @Override
    public final long size()
    {
        return source.size();
    }

    @Override
    public final boolean retireMappingsTo(final MappingRetirement retirement)
    {
        return source.retireMappingsTo(retirement);
    }

    @Override
    public final void close()
    {
        source.close();
    }
}
