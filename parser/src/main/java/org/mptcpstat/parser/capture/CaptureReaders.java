package org.mptcpstat.parser.capture;

import org.mptcpstat.parser.source.CaptureSource;
import org.mptcpstat.parser.source.CaptureSources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Opens a capture file, plain or gzip, pcap or pcapng, recognised by content alone. */
public final class CaptureReaders
{
    private CaptureReaders()
    {
    }

    /**
     * @throws CaptureFormatException when the content is neither pcap nor pcapng.
     */
    public static CaptureReader open(final Path path) throws IOException
    {
        return openOrClose(CaptureSources.open(path));
    }

    /** Reads a capture from a stream (standard input), plain or gzip. */
    public static CaptureReader open(final InputStream in) throws IOException
    {
        return openOrClose(CaptureSources.open(in));
    }

    private static CaptureReader openOrClose(final CaptureSource source) throws IOException
    {
        try
        {
            return open(source);
        }
        catch (final IOException | RuntimeException ex)
        {
            source.close();
            throw ex;
        }
    }

    public static CaptureReader open(final CaptureSource source) throws CaptureFormatException
    {
        if (source.fetch(0, 4) < 4)
        {
            throw new CaptureFormatException(source.fault() != null ? source.fault() : "file too short to be a capture");
        }
        final int magic = source.buffer().getInt(source.index(), ByteOrder.BIG_ENDIAN);
        if (magic == PcapNgReader.SECTION_HEADER_BLOCK)
        {
            return new PcapNgReader(source);
        }
        return new PcapReader(source);
    }
}
