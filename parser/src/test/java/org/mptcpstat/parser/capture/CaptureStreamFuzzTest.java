package org.mptcpstat.parser.capture;

import org.mptcpstat.parser.testing.TimedFuzzTest;

import java.io.ByteArrayInputStream;

/**
 * The readers on any bytes read as a stream, plain or gzip, as {@code analyze} reads standard
 * input and gzip files: the stream source's sliding window and inflation under the readers.
 */
class CaptureStreamFuzzTest
{
    @TimedFuzzTest
    void shouldReadAnyStreamToAnEndWithoutThrowing(final byte[] stream)
    {
        CaptureReading.readToEnd(() -> CaptureReaders.open(new ByteArrayInputStream(stream)));
    }
}
