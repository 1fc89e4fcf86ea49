package org.mptcpstat.parser.capture;

import org.mptcpstat.parser.testing.ExactWindowSource;
import org.mptcpstat.parser.testing.TimedFuzzTest;

/**
 * The pcap and pcapng readers, and the decoders behind them, on any bytes held in memory. Each
 * window a reader gets holds exactly the bytes it fetched, so a read past them throws.
 */
class CaptureReaderFuzzTest
{
    @TimedFuzzTest
    void shouldReadAnyBytesToAnEndWithoutThrowing(final byte[] capture)
    {
        CaptureReading.readToEnd(() -> CaptureReaders.open(new ExactWindowSource(capture)));
    }
}
