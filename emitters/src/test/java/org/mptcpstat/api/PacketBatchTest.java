package org.mptcpstat.api;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.mptcpstat.parser.capture.PacketRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketBatchTest
{
    private static final int LENGTH = 60;
    private static final long CLOCK = 7_000;

    private final PacketBatch batch = new PacketBatch();
    private final PacketRecord record = new PacketRecord();
    private final PacketRecord read = new PacketRecord();

    @Test
    void shouldKeepACopyWhenTheReaderReusesItsBuffer()
    {
        final UnsafeBuffer window = new UnsafeBuffer(new byte[256]);
        window.setMemory(0, 256, (byte)1);
        record.set(window, 16, LENGTH, 1500, 42_000, 1, 0, 9);

        final int index = batch.add(record, true, CLOCK);
        window.setMemory(0, 256, (byte)2);

        batch.read(index, read);
        assertEquals(1, read.buffer().getByte(read.offset() + LENGTH - 1), "the copy, not the refilled window");
        assertRecordFields(index);
    }

    @Test
    void shouldPointAtAnOffHeapPacketWhereItLies()
    {
        final UnsafeBuffer mapping = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, Long.BYTES));
        mapping.setMemory(0, 256, (byte)1);
        record.set(mapping, 16, LENGTH, 1500, 42_000, 1, 0, 9);

        final int index = batch.add(record, false, CLOCK);
        mapping.putByte(16 + LENGTH - 1, (byte)3);

        batch.read(index, read);
        assertEquals(3, read.buffer().getByte(read.offset() + LENGTH - 1), "the packet's own bytes, not a copy");
        assertEquals(LENGTH, read.buffer().capacity() - read.offset(), "the view ends with the packet");
        assertRecordFields(index);
    }

    @Test
    void shouldRefuseToPointAtAPacketOnTheHeap()
    {
        record.set(new UnsafeBuffer(new byte[256]), 16, LENGTH, 1500, 42_000, 1, 0, 9);

        assertThrows(IllegalStateException.class, () -> batch.add(record, false, CLOCK));
        assertEquals(0, batch.count());
    }

    @Test
    void shouldFitPacketsInPlaceUpToTheCountWhateverTheirSize()
    {
        final UnsafeBuffer mapping = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1 << 16, Long.BYTES));
        record.set(mapping, 0, 1 << 16, 1 << 16, 0, 1, 0, 1);
        for (int i = 0; i < PacketBatch.MAX_PACKETS; i++)
        {
            assertTrue(batch.fits(0), "packet " + i + " of 64 KiB, far beyond what copies may take");
            batch.add(record, false, CLOCK);
        }

        assertFalse(batch.fits(0));
        assertEquals(PacketBatch.MAX_PACKETS, batch.count());
    }

    private void assertRecordFields(final int index)
    {
        assertEquals(LENGTH, read.capturedLength());
        assertEquals(1500, read.originalLength());
        assertEquals(42_000, read.timestampNanos());
        assertEquals(1, read.linkType());
        assertEquals(9, read.frameNumber());
        assertEquals(CLOCK, batch.clock(index));
    }
}
