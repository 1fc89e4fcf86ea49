package org.mptcpstat.parser.capture;

import org.mptcpstat.parser.testing.PacketDecoding;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens a capture and reads it to its end as {@code analyze} does, decoding every record, and
 * checks what readers promise: opening fails only with an {@link IOException}, reading ends
 * without one, every record lies inside its window, and a reason is one line.
 */
final class CaptureReading
{
    /** How a fuzz test opens its capture. */
    interface Opening
    {
        CaptureReader open() throws IOException;
    }

    private CaptureReading()
    {
    }

    static void readToEnd(final Opening opening)
    {
        final CaptureReader reader;
        try
        {
            reader = opening.open();
        }
        catch (final IOException unreadable)
        {
            assertOneLine(unreadable.getMessage());
            return;
        }
        try (reader)
        {
            final PacketRecord record = new PacketRecord();
            final PacketDecoding decoding = new PacketDecoding();
            while (reader.next(record))
            {
                assertTrue(record.offset() >= 0 && record.capturedLength() >= 0 &&
                    record.offset() + record.capturedLength() <= record.buffer().capacity(),
                    "record at " + record.offset() + "+" + record.capturedLength() + " outside its window");
                decoding.decodeAndCheck(record);
            }
            assertOneLine(reader.fault());
        }
    }

    /** What users read about an unreadable capture: one line, or nothing. */
    private static void assertOneLine(final String reason)
    {
        assertTrue(reason == null || (!reason.isBlank() && reason.lines().count() == 1), "not one line: " + reason);
    }
}
