package org.mptcpstat.parser.source;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamSourceTest
{
    /** Gzip's member header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = { 0x1F, (byte)0x8B, 8, 0, 0, 0, 0, 0, 0, (byte)0xFF };
    /** A final deflate block of the reserved type 11: inflating it fails. */
    private static final byte INVALID_DEFLATE_BLOCK = 0x07;

    @Test
    void shouldServeAllButTheLastChunkInflatedBeforeACorruptDeflateBlock() throws IOException
    {
        final byte[] data = new byte[100_000];
        Arrays.fill(data, (byte)'x');
        final ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        gzip.writeBytes(GZIP_HEADER);
        gzip.writeBytes(deflatedUpToABlockBoundary(data));
        gzip.write(INVALID_DEFLATE_BLOCK);

        try (StreamSource source = StreamSource.gzip(new ByteArrayInputStream(gzip.toByteArray())))
        {
            final int available = source.fetch(0, data.length);
            assertTrue(available > data.length - StreamSource.INFLATE_CHUNK, available + " bytes");
            assertEquals("gzip stream unreadable after " + available + " bytes: invalid block type", source.fault());
        }
    }

    private static byte[] deflatedUpToABlockBoundary(final byte[] bytes)
    {
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(bytes);
        final byte[] out = new byte[bytes.length + 1024];
        final int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, length);
    }
}
