package org.mptcpstat.cli.robust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the malformed-capture corpus at run time from the good captures in {@code testdata/captures}
 * (so nothing binary is committed): cuts, bit flips and lying lengths in pcap and pcapng structure,
 * a broken gzip stream, and synthetic packets whose IP and TCP/MPTCP headers are damaged.
 */
final class MalformedCaptures
{
    /**
     * @param name           file name of the case (its output folder is the name without extension).
     * @param bytes          the capture.
     * @param headerReadable whether the file header is intact, so the capture's tables must be written.
     * @param endsEarly      whether reading must end at damaged data (exit code 1); null when either is fine.
     */
    record Case(String name, byte[] bytes, boolean headerReadable, Boolean endsEarly)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    private static final int PCAP_HEADER = 24;
    private static final int PCAP_RECORD_HEADER = 16;

    private MalformedCaptures()
    {
    }

    static List<Case> all(final Path capturesFolder) throws IOException
    {
        final List<Case> cases = new ArrayList<>();
        pcapCases(Files.readAllBytes(capturesFolder.resolve("sample.pcap")), cases);
        pcapNgCases(Files.readAllBytes(capturesFolder.resolve("pcapng-v6.pcapng")), cases);
        gzipCases(Files.readAllBytes(capturesFolder.resolve("sample.pcap")), cases);
        packetCases(cases);
        return cases;
    }

    // ---------------------------------------------------------------- pcap structure

    private static void pcapCases(final byte[] full, final List<Case> cases)
    {
        final List<Integer> records = pcapRecordOffsets(full);
        // Keep the files small: the first 60 records are plenty to reach every kind of damage.
        final byte[] good = Arrays.copyOf(full, records.get(60));
        final int r1 = records.get(1);
        final int r5 = records.get(5);
        for (final int cut : new int[] { 0, 1, 3, 4, 10, 23 })
        {
            cases.add(new Case("pcap-cut-" + cut + ".pcap", Arrays.copyOf(good, cut), false, null));
        }
        for (final int cut : new int[] { 25, 30, 39, r1 + 1, r1 + 15, r1 + 16, r1 + 20, r5 - 1, good.length - 1 })
        {
            cases.add(new Case("pcap-cut-" + cut + ".pcap", Arrays.copyOf(good, cut), true, true));
        }
        cases.add(new Case("pcap-cut-" + r5 + ".pcap", Arrays.copyOf(good, r5), true, false));
        // File header: bad magic, bad version, snap length 0, odd link types.
        cases.add(new Case("pcap-bad-magic.pcap", flip(good, 0, 0x10), false, null));
        cases.add(new Case("pcap-version.pcap", putLe(good, 4, 0x7FFF_0000), true, null));
        cases.add(new Case("pcap-snaplen-0.pcap", putLe(good, 16, 0), true, null));
        cases.add(new Case("pcap-snaplen-1.pcap", putLe(good, 16, 1), true, true));
        cases.add(new Case("pcap-linktype-ffff.pcap", putLe(good, 20, 0xFFFF), true, false));
        cases.add(new Case("pcap-linktype-raw.pcap", putLe(good, 20, 101), true, false));
        cases.add(new Case("pcap-linktype-fcs.pcap", putLe(good, 20, 0x1000_0001), true, null));
        // Record headers: captured length past the snap length, past the file, huge, zero; bit flips.
        final int snap = ByteBuffer.wrap(good, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        cases.add(new Case("pcap-caplen-over-snaplen.pcap", putLe(good, r1 + 8, snap + 1), true, true));
        cases.add(new Case("pcap-caplen-over-file.pcap", putLe(good, records.get(59) + 8, 5000), true, true));
        cases.add(new Case("pcap-caplen-huge.pcap", putLe(good, r1 + 8, 0xFFFF_FFF0), true, true));
        cases.add(new Case("pcap-caplen-zero.pcap", putLe(good, r1 + 8, 0), true, null));
        cases.add(new Case("pcap-caplen-small.pcap", putLe(good, r1 + 8, 10), true, null));
        cases.add(new Case("pcap-origlen-zero.pcap", putLe(putLe(good, r1 + 12, 0), r5 + 12, 1), true, null));
        cases.add(new Case("pcap-origlen-huge.pcap", putLe(good, r1 + 12, -1), true, null));
        cases.add(new Case("pcap-ts-backwards.pcap", putLe(good, r5, 0), true, null));
        cases.add(new Case("pcap-ts-huge.pcap", putLe(putLe(good, r5, -1), r5 + 4, -1), true, null));
        for (int bit = 0; bit < 32; bit += 3)
        {
            final int record = records.get(2 + bit % 50);
            cases.add(new Case("pcap-flip-caplen-" + bit + ".pcap", flip(good, record + 8 + bit / 8, 1 << (bit % 8)), true,
                null));
        }
        // Random damage inside packet bytes (not headers): the decoders must take anything.
        final Random random = new Random(42);
        final byte[] fuzzed = good.clone();
        for (int i = 1; i < 60; i++)
        {
            final int start = records.get(i) + PCAP_RECORD_HEADER;
            final int end = records.get(i + 1);
            for (int n = 0; n < 4; n++)
            {
                fuzzed[start + random.nextInt(end - start)] ^= (byte)(1 + random.nextInt(255));
            }
        }
        cases.add(new Case("pcap-fuzzed-packets.pcap", fuzzed, true, false));
    }

    private static List<Integer> pcapRecordOffsets(final byte[] pcap)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        final List<Integer> offsets = new ArrayList<>();
        int at = PCAP_HEADER;
        while (at + PCAP_RECORD_HEADER <= pcap.length)
        {
            offsets.add(at);
            at += PCAP_RECORD_HEADER + buffer.getInt(at + 8);
        }
        offsets.add(at);
        return offsets;
    }

    // ---------------------------------------------------------------- pcapng structure

    private static void pcapNgCases(final byte[] full, final List<Case> cases)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
        final List<Integer> blocks = new ArrayList<>();
        int at = 0;
        while (at + 12 <= full.length && blocks.size() < 60)
        {
            blocks.add(at);
            at += buffer.getInt(at + 4);
        }
        final byte[] good = Arrays.copyOf(full, at);
        final int idb = blocks.get(1);
        final int epb = blocks.get(2);
        final int epb2 = blocks.get(3);
        for (final int cut : new int[] { 0, 4, 8, 27 })
        {
            cases.add(new Case("ng-cut-" + cut + ".pcapng", Arrays.copyOf(good, cut), false, null));
        }
        for (final int cut : new int[] { 28, idb - 1, idb + 4, idb + 10, epb - 2, epb + 8, epb + 30, epb2 - 4,
            epb2 - 1, good.length - 3 })
        {
            cases.add(new Case("ng-cut-" + cut + ".pcapng", Arrays.copyOf(good, cut), true, cut > epb ? true : null));
        }
        cases.add(new Case("ng-bad-byte-order.pcapng", flip(good, 8, 0x01), true, null));
        cases.add(new Case("ng-shb-length-small.pcapng", putLe(good, 4, 8), true, null));
        cases.add(new Case("ng-idb-length-small.pcapng", putLe(good, idb + 4, 12), true, null));
        cases.add(new Case("ng-idb-length-12-both.pcapng", putLe(putLe(good, idb + 4, 12), idb + 8, 12), true, null));
        final int idbLength = buffer.getInt(idb + 4);
        cases.add(new Case("ng-idb-options-lie.pcapng", putLe(good, idb + 16, 0xFFF0_0009), true, null));
        cases.add(new Case("ng-idb-tsresol-huge.pcapng", idbWithTsresol(good, idb, idbLength), true, null));
        final int epbLength = buffer.getInt(epb + 4);
        cases.add(new Case("ng-epb-length-small.pcapng", putLe(good, epb + 4, 4), true, true));
        cases.add(new Case("ng-epb-length-odd.pcapng", putLe(good, epb + 4, epbLength + 1), true, true));
        cases.add(new Case("ng-epb-length-huge.pcapng", putLe(good, epb + 4, 0x7FFF_FFF0), true, true));
        cases.add(new Case("ng-epb-length-max.pcapng", putLe(good, epb + 4, -4), true, true));
        cases.add(new Case("ng-epb-trailer-mismatch.pcapng", putLe(good, epb + epbLength - 4, epbLength + 4), true, true));
        cases.add(new Case("ng-epb-both-lengths-lie.pcapng",
            putLe(putLe(good, epb + 4, epbLength + 8), epb + epbLength + 4, epbLength + 8), true, null));
        cases.add(new Case("ng-epb-interface-out-of-range.pcapng", putLe(good, epb + 8, 7), true, null));
        cases.add(new Case("ng-epb-interface-negative.pcapng", putLe(good, epb + 8, -1), true, null));
        cases.add(new Case("ng-epb-caplen-over-block.pcapng", putLe(good, epb + 20, epbLength), true, null));
        cases.add(new Case("ng-epb-caplen-huge.pcapng", putLe(good, epb + 20, -1), true, null));
        cases.add(new Case("ng-epb-caplen-zero.pcapng", putLe(good, epb + 20, 0), true, null));
        cases.add(new Case("ng-unknown-block-type.pcapng", putLe(good, epb, 0x0BAD_0BAD), true, null));
        cases.add(new Case("ng-block-type-shb-inside.pcapng", putLe(good, epb, 0x0A0D0D0A), true, null));
        cases.add(new Case("ng-block-type-spb.pcapng", putLe(good, epb, 3), true, null));
        cases.add(new Case("ng-block-type-opb.pcapng", putLe(good, epb, 2), true, null));
        for (int i = 0; i < 12; i++)
        {
            final int block = blocks.get(2 + i * 4);
            cases.add(new Case("ng-flip-header-" + i + ".pcapng", flip(good, block + i % 8, 1 << (i % 8)), true, null));
        }
    }

    /** The interface block grown by an if_tsresol option of 2^-127 (ticks far too fine). */
    private static byte[] idbWithTsresol(final byte[] good, final int idb, final int idbLength)
    {
        final ByteBuffer block = ByteBuffer.allocate(idbLength + 8).order(ByteOrder.LITTLE_ENDIAN);
        block.put(good, idb, 16);
        block.putShort((short)9).putShort((short)1).put((byte)0xFF).put(new byte[3]);
        block.put(good, idb + 16, idbLength - 16);
        block.putInt(4, idbLength + 8);
        block.putInt(idbLength + 4, idbLength + 8);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(good, 0, idb);
        out.writeBytes(block.array());
        out.write(good, idb + idbLength, good.length - idb - idbLength);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- gzip

    private static void gzipCases(final byte[] pcap, final List<Case> cases) throws IOException
    {
        final byte[] gz = gzip(pcap);
        cases.add(new Case("gz-cut-header.pcap.gz", Arrays.copyOf(gz, 6), false, null));
        cases.add(new Case("gz-cut-half.pcap.gz", Arrays.copyOf(gz, gz.length / 2), true, true));
        cases.add(new Case("gz-no-trailer.pcap.gz", Arrays.copyOf(gz, gz.length - 4), true, null));
        final byte[] garbage = Arrays.copyOf(gz, gz.length);
        final Random random = new Random(7);
        for (int i = 10; i < garbage.length; i++)
        {
            garbage[i] = (byte)random.nextInt(256);
        }
        cases.add(new Case("gz-garbage-after-header.pcap.gz", garbage, false, null));
        final byte[] damaged = gz.clone();
        for (int i = gz.length / 3; i < gz.length / 3 + 64; i++)
        {
            damaged[i] ^= (byte)0x5A;
        }
        cases.add(new Case("gz-damaged-middle.pcap.gz", damaged, true, null));
        final ByteArrayOutputStream trailing = new ByteArrayOutputStream();
        trailing.writeBytes(gz);
        trailing.writeBytes(new byte[] { 0x1F, (byte)0x8B, 8, 0, 1, 2, 3 });
        cases.add(new Case("gz-trailing-garbage.pcap.gz", trailing.toByteArray(), true, null));
    }

    private static byte[] gzip(final byte[] bytes) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out))
        {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- damaged packets

    private static void packetCases(final List<Case> cases)
    {
        final byte[][] tcpOptions = {
            { 30 }, { 30, 0 }, { 30, 1 }, { 30, 2 }, { 30, 3, 0 }, { 30, 40, 0, 0 }, { 30, (byte)255, 0x20 },
            { 30, 4, 0x20, (byte)0xFF }, { 30, 12, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 7, 8 }, { 30, 5, 0x10, 1, 2 },
            { 30, 8, 0x20, 0x1F, 1, 2, 3, 4 }, { 30, 20, 0x20, 0x1F, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 },
            { 30, 6, 0x30, 1, 1, 2 }, { 30, 3, 0x40 }, { 30, 3, 0x50 }, { 30, 3, 0x60 }, { 30, 3, 0x70 },
            { 30, 3, (byte)0x80 }, { 30, 3, (byte)0xF0 }, { 2, 0 }, { 2, 1 }, { 2, 3, 1 }, { 3, 0 }, { 3, 2 },
            { 4, 0 }, { 5, 0 }, { 5, 2 }, { 5, 3, 0 }, { 5, 9, 1, 2, 3, 4, 5, 6, 7 }, { 5, (byte)255, 1 },
            { 8, 0 }, { 8, 9, 1 }, { (byte)0xFF, 0 }, { (byte)0xFF, 1 }, { (byte)0xFF, (byte)200 }, { 1, 1, 1, 1, 0 },
        };
        final List<byte[]> packets = new ArrayList<>();
        packets.add(tcpPacket(new byte[] { 30, 12, 0, (byte)0x81, 1, 2, 3, 4, 5, 6, 7, 8 }, 0x02, 5));
        for (final byte[] option : tcpOptions)
        {
            packets.add(tcpPacket(option, 0x18, -1));
            packets.add(tcpPacket(option, 0x02, -1));
        }
        packets.add(tcpPacket(new byte[0], 0x18, 2));
        packets.add(tcpPacket(new byte[0], 0x18, 0));
        packets.add(tcpPacket(new byte[40], 0x18, 15));
        packets.add(tcpPacket(new byte[] { 30, 40 }, 0x18, 15));
        final Random random = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            final byte[] option = new byte[1 + random.nextInt(40)];
            random.nextBytes(option);
            if (random.nextBoolean())
            {
                option[0] = 30;
            }
            packets.add(tcpPacket(option, random.nextInt(256), -1));
        }
        cases.add(new Case("packets-tcp-options.pcap", pcap(packets), true, false));

        final List<byte[]> ipv4 = new ArrayList<>();
        for (final int ihl : new int[] { 0, 4, 15 })
        {
            final byte[] p = tcpPacket(new byte[0], 0x18, -1);
            p[14] = (byte)(0x40 | ihl);
            ipv4.add(p);
        }
        for (final int total : new int[] { 0, 19, 39, 65535 })
        {
            final byte[] p = tcpPacket(new byte[0], 0x18, -1);
            p[16] = (byte)(total >> 8);
            p[17] = (byte)total;
            ipv4.add(p);
        }
        final byte[] fragment = tcpPacket(new byte[0], 0x18, -1);
        fragment[20] = 0x20;
        fragment[21] = 0x10;
        ipv4.add(fragment);
        ipv4.add(Arrays.copyOf(tcpPacket(new byte[0], 0x18, -1), 14 + 20 + 7));
        ipv4.add(Arrays.copyOf(tcpPacket(new byte[0], 0x18, -1), 14 + 3));
        ipv4.add(Arrays.copyOf(tcpPacket(new byte[0], 0x18, -1), 5));
        cases.add(new Case("packets-ipv4.pcap", pcap(ipv4), true, false));

        final List<byte[]> ipv6 = new ArrayList<>();
        // Hop-by-hop headers that each name another hop-by-hop header, to the end of the packet.
        ipv6.add(ipv6Packet(0, new byte[4000], 4000));
        // The same, with a payload length claiming far more than was captured.
        ipv6.add(ipv6Packet(0, new byte[64], 65535));
        // An extension header whose length runs past the packet.
        ipv6.add(ipv6Packet(0, new byte[] { 6, (byte)255, 0, 0, 0, 0, 0, 0 }, 8));
        ipv6.add(ipv6Packet(43, new byte[] { 43, 0, 0, 0, 0, 0, 0, 0, 43, 1, 0, 0, 0, 0, 0, 0 }, 16));
        ipv6.add(ipv6Packet(60, new byte[] { 60, 0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0 }, 12));
        ipv6.add(ipv6Packet(44, new byte[] { 6, 0, 0, 1, 0, 0, 0, 1 }, 8));
        ipv6.add(ipv6Packet(44, new byte[] { 6, 0, 0, 0, 0, 0, 0, 1, 1, 2 }, 10));
        ipv6.add(ipv6Packet(51, new byte[] { 6, (byte)200, 0, 0 }, 4));
        ipv6.add(ipv6Packet(6, new byte[] { 1, 2, 3 }, 3));
        ipv6.add(ipv6Packet(6, new byte[0], 0));
        ipv6.add(Arrays.copyOf(ipv6Packet(6, new byte[20], 20), 14 + 20));
        cases.add(new Case("packets-ipv6.pcap", pcap(ipv6), true, false));
    }

    /**
     * @param dataOffset the TCP data offset in words, or -1 for the one the options need.
     * @return Ethernet, IPv4 and TCP (10.0.0.1:40000 to 10.0.0.2:443) with these option bytes and 10 payload bytes.
     */
    private static byte[] tcpPacket(final byte[] options, final int flags, final int dataOffset)
    {
        final int optionLength = (options.length + 3) & ~3;
        final int tcpLength = 20 + optionLength;
        final ByteBuffer p = ByteBuffer.allocate(14 + 20 + tcpLength + 10);
        p.put(new byte[12]).putShort((short)0x0800);
        p.put((byte)0x45).put((byte)0).putShort((short)(20 + tcpLength + 10)).putInt(0).put((byte)64).put((byte)6)
            .putShort((short)0).putInt(0x0A00_0001).putInt(0x0A00_0002);
        p.putShort((short)40000).putShort((short)443).putInt(1000).putInt(flags == 0x02 ? 0 : 5000);
        p.put((byte)((dataOffset < 0 ? tcpLength / 4 : dataOffset) << 4)).put((byte)flags).putShort((short)65535)
            .putInt(0);
        p.put(options);
        return p.array();
    }

    /** Ethernet, then IPv6 (next header {@code next}) with this payload after the fixed header. */
    private static byte[] ipv6Packet(final int next, final byte[] payload, final int payloadLength)
    {
        final ByteBuffer p = ByteBuffer.allocate(14 + 40 + payload.length);
        p.put(new byte[12]).putShort((short)0x86DD);
        p.putInt(0x6000_0000).putShort((short)payloadLength).put((byte)next).put((byte)64);
        p.putLong(0x2001_0db8_0000_0000L).putLong(1).putLong(0x2001_0db8_0000_0000L).putLong(2);
        p.put(payload);
        return p.array();
    }

    private static byte[] pcap(final List<byte[]> packets)
    {
        int length = PCAP_HEADER;
        for (final byte[] packet : packets)
        {
            length += PCAP_RECORD_HEADER + packet.length;
        }
        final ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xA1B2C3D4).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(262144).putInt(1);
        int n = 0;
        for (final byte[] packet : packets)
        {
            out.putInt(1_700_000_000).putInt(n++ * 1000).putInt(packet.length).putInt(packet.length).put(packet);
        }
        return out.array();
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] flip(final byte[] bytes, final int at, final int mask)
    {
        final byte[] copy = bytes.clone();
        copy[at] ^= (byte)mask;
        return copy;
    }

    private static byte[] putLe(final byte[] bytes, final int at, final int value)
    {
        final byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return copy;
    }
}
