package org.mptcpstat.flowtable;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.LinkType;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TcpFlowTableTest
{
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketRecord record = new PacketRecord();

    /** A decoded packet between two IPv4 endpoints, built from raw bytes. */
    private TcpPacket packet(final int source, final int sourcePort, final int destination, final int destinationPort)
    {
        final ByteBuffer ip = ByteBuffer.allocate(40);
        ip.put((byte)0x45).put((byte)0).putShort((short)40).putInt(0).put((byte)64).put((byte)6).putShort((short)0);
        ip.putInt(source).putInt(destination);
        ip.putShort((short)sourcePort).putShort((short)destinationPort).putInt(1).putInt(0);
        ip.putShort((short)0x5010).putShort((short)1000).putInt(0);
        record.set(new UnsafeBuffer(ip.array()), 0, 40, 40, 0, LinkType.RAW, 0, 1);
        final TcpPacket packet = new TcpPacket();
        assertEquals(DecodeStatus.TCP, decoder.decode(record, packet));
        return packet;
    }

    @Test
    void shouldFindBothDirectionsOfAConnectionInOneSlot()
    {
        final TcpFlowTable table = new TcpFlowTable(TcpFlowTable.HEADER_LENGTH, 16);
        final TcpPacket forward = packet(0x0A000002, 5000, 0x0A000001, 80);
        assertEquals(TcpFlowTable.NONE, table.find(forward));
        final int slot = table.insertLastFound(1);
        assertEquals(TcpFlowTable.B_TO_A, table.direction(), "10.0.0.2 is the larger endpoint");

        assertEquals(slot, table.find(packet(0x0A000001, 80, 0x0A000002, 5000)));
        assertEquals(TcpFlowTable.A_TO_B, table.direction());
        assertEquals(0x0A000001, table.addressLow(slot, 0));
        assertEquals(80, table.port(slot, 0));
        assertEquals(5000, table.port(slot, 1));
        assertEquals(TcpFlowTable.NONE, table.find(packet(0x0A000001, 81, 0x0A000002, 5000)));
    }

    @Test
    void shouldKeepEveryConnectionFindableThroughGrowthAndRemovals()
    {
        final TcpFlowTable table = new TcpFlowTable(TcpFlowTable.HEADER_LENGTH + 8, 16);
        final Map<Long, Integer> expected = new HashMap<>();
        final Random random = new Random(7);
        for (int round = 0; round < 20_000; round++)
        {
            final int client = 0x0A000000 | random.nextInt(64);
            final int port = 1024 + random.nextInt(64);
            final TcpPacket p = packet(client, port, 0xC0A80001, 443);
            final long key = ((long)client << 16) | port;
            final int slot = table.find(p);
            if (slot == TcpFlowTable.NONE)
            {
                assertEquals(null, expected.get(key), "lost connection " + key);
                final int inserted = table.insertLastFound(round);
                table.buffer().putLong(table.offset(inserted) + TcpFlowTable.HEADER_LENGTH, key);
                expected.put(key, inserted);
            }
            else
            {
                assertEquals(expected.get(key), slot);
                assertEquals(key, table.buffer().getLong(table.offset(slot) + TcpFlowTable.HEADER_LENGTH),
                    "the tracker's bytes must survive growth");
                if (random.nextBoolean())
                {
                    table.remove(slot);
                    expected.remove(key);
                }
                else
                {
                    table.touch(slot, round);
                }
            }
            assertEquals(expected.size(), table.size());
        }
    }

    @Test
    void shouldKeepABufferReferenceTakenBeforeGrowthPointingAtTheSlots()
    {
        final TcpFlowTable table = new TcpFlowTable(TcpFlowTable.HEADER_LENGTH + 8, 16);
        final UnsafeBuffer before = table.buffer();
        for (int port = 1000; port < 1100; port++)
        {
            table.find(packet(0x0A000001, port, 0x0A000002, 80));
            before.putLong(table.offset(table.insertLastFound(port)) + TcpFlowTable.HEADER_LENGTH, port);
        }

        assertSame(before, table.buffer());
        for (int port = 1000; port < 1100; port++)
        {
            final int slot = table.find(packet(0x0A000001, port, 0x0A000002, 80));
            assertEquals(port, table.buffer().getLong(table.offset(slot) + TcpFlowTable.HEADER_LENGTH));
        }
    }

    @Test
    void shouldListConnectionsFromLeastToMostRecentlyActive()
    {
        final TcpFlowTable table = new TcpFlowTable(TcpFlowTable.HEADER_LENGTH, 4);
        final int[] slots = new int[40];
        for (int i = 0; i < slots.length; i++)
        {
            table.find(packet(0x0A000001, 1000 + i, 0x0A000002, 80));
            slots[i] = table.insertLastFound(i);
        }
        table.find(packet(0x0A000001, 1000, 0x0A000002, 80));
        table.touch(slots[0], 100);
        table.remove(slots[1]);

        assertEquals(slots[2], table.oldest());
        assertEquals(2, table.lastActivityNanos(table.oldest()));
        int count = 0;
        int last = TcpFlowTable.NONE;
        for (int slot = table.oldest(); slot != TcpFlowTable.NONE; slot = table.newer(slot))
        {
            last = slot;
            count++;
        }
        assertEquals(39, count);
        assertEquals(slots[0], last);
        assertNotEquals(slots[1], table.oldest());
    }

    @Test
    void shouldGiveItsOffHeapMemoryBackWhenItGrowsAndWhenClosed() throws InterruptedException
    {
        final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        final long before = settledDirectMemory(direct);
        final TcpFlowTable table = new TcpFlowTable(TcpFlowTable.HEADER_LENGTH, 4);
        for (int i = 0; i < 1000; i++)
        {
            table.find(packet(0x0A000001, 1000 + i, 0x0A000002, 80));
            table.insertLastFound(i);
        }
        // Grown 4 -> 1024 slots: only the last buffer is still held.
        assertEquals(1024L * TcpFlowTable.HEADER_LENGTH, direct.getMemoryUsed() - before);

        table.close();
        table.close();

        assertEquals(0, direct.getMemoryUsed() - before);
    }

    /** @return direct memory in use once the buffers other tests dropped have been collected and freed. */
    private static long settledDirectMemory(final BufferPoolMXBean direct) throws InterruptedException
    {
        long used = direct.getMemoryUsed();
        for (int i = 0; i < 20; i++)
        {
            System.gc();
            Thread.sleep(20);
            final long now = direct.getMemoryUsed();
            if (now == used)
            {
                break;
            }
            used = now;
        }
        return used;
    }
}
