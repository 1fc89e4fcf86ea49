package org.mptcpstat.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticCaptureTest
{
    @Test
    void shouldHoldThousandsOfConnectionsAtOnceInTheCrowdedCapture() throws IOException
    {
        final SyntheticCapture crowded = SyntheticCapture.build(
            SyntheticCapture.locate(SyntheticCapture.CROWDED), SyntheticCapture.PACKETS, false);

        assertEquals(SyntheticCapture.PACKETS, crowded.tcpRecords());
        // 6000 conversations start together: each brings its first subflow before any ends.
        assertTrue(crowded.connections() >= 6000, crowded.toString());
    }
}
