package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DssOptionTest
{
    private final DssOption option = new DssOption();

    @Test
    void shouldReadFourByteDataAckAndMappingFromRealCapture()
    {
        // public-v0/client_2.pcap frame 8. tshark 4.0: flags 0x05 (M, A), Original MPTCP Data ACK: 3851022548,
        // Data Sequence Number: 1318241021 (32bits version), Subflow Sequence Number: 1, Data-level Length: 37.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x12,                   // length 18
            0x20,                   // subtype 2 (DSS) | reserved
            0x05,                   // flags: M, A
            0xe5, 0x89, 0xf0, 0xd4, // data ACK (4)
            0x4e, 0x92, 0xc2, 0xfd, // data sequence number (4)
            0x00, 0x00, 0x00, 0x01, // subflow sequence number
            0x00, 0x25);            // data-level length 37

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0x05, option.flags());
        assertTrue(option.hasDataAck());
        assertFalse(option.isDataAck8());
        assertEquals(3851022548L, option.dataAck());
        assertTrue(option.hasMapping());
        assertFalse(option.isDsn8());
        assertEquals(1318241021L, option.dataSequenceNumber());
        assertEquals(1L, option.subflowSequenceNumber());
        assertEquals(37, option.dataLevelLength());
        assertFalse(option.hasChecksum());
        assertFalse(option.isDataFin());
        assertFalse(option.isInfiniteMapping());
    }

    @Test
    void shouldReadDataFinFromRealCapture()
    {
        // public-v0/client_2.pcap frame 2048 (ACK+FIN, no payload). tshark 4.0: flags 0x15 (DATA_FIN, M, A),
        // Original MPTCP Data ACK: 1212539799, Data Sequence Number: 2391507458 (32bits version),
        // Subflow Sequence Number: 0, Data-level Length: 1.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x12,                   // length 18
            0x20,                   // subtype 2 | reserved
            0x15,                   // flags: F, M, A
            0x48, 0x45, 0xe3, 0x97, // data ACK (4)
            0x8e, 0x8b, 0x82, 0x02, // data sequence number (4)
            0x00, 0x00, 0x00, 0x00, // subflow sequence number 0: the DATA_FIN has no subflow data
            0x00, 0x01);            // data-level length 1: the DATA_FIN's own octet

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isDataFin());
        assertEquals(1212539799L, option.dataAck());
        assertEquals(2391507458L, option.dataSequenceNumber());
        assertEquals(0L, option.subflowSequenceNumber());
        assertEquals(1, option.dataLevelLength());
        assertFalse(option.isInfiniteMapping());
    }

    @Test
    void shouldReadChecksumFromRealCapture()
    {
        // public-v0/iperf-mptcp-0-0.pcap frame 9 (checksums negotiated: MP_CAPABLE flag A in frames 5-7).
        // tshark 4.0: flags 0x05, Original MPTCP Data ACK: 3795845723, Data Sequence Number: 2734504202
        // (32bits version), Subflow Sequence Number: 1, Data-level Length: 24. tshark 4.0 does not print the
        // checksum field; it is the trailing 3e a1.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x14,                   // length 20
            0x20,                   // subtype 2 | reserved
            0x05,                   // flags: M, A
            0xe2, 0x40, 0x02, 0x5b, // data ACK (4)
            0xa2, 0xfd, 0x39, 0x0a, // data sequence number (4)
            0x00, 0x00, 0x00, 0x01, // subflow sequence number
            0x00, 0x18,             // data-level length 24
            0x3e, 0xa1);            // checksum

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(3795845723L, option.dataAck());
        assertEquals(2734504202L, option.dataSequenceNumber());
        assertEquals(1L, option.subflowSequenceNumber());
        assertEquals(24, option.dataLevelLength());
        assertTrue(option.hasChecksum());
        assertEquals(0x3ea1, option.checksum());
    }

    @Test
    void shouldReadDataAckOnlyOption()
    {
        // Same bytes as the second MPTCP option of public-v0/client_2.pcap frame 6 (tshark 4.0: flags 0x01,
        // Original MPTCP Data ACK: 3851022548).
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x08,                   // length 8
            0x20,                   // subtype 2 | reserved
            0x01,                   // flags: A
            0xe5, 0x89, 0xf0, 0xd4); // data ACK (4)

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(3851022548L, option.dataAck());
        assertFalse(option.hasMapping());
        assertFalse(option.hasChecksum());
        assertFalse(option.isInfiniteMapping());
    }

    @Test
    void shouldReadEightByteDataSequenceNumberWhenFlagMIsSet()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x16,                   // length 22
            0x20,                   // subtype 2 | reserved
            0x0d,                   // flags: m, M, A (a clear)
            0x11, 0x22, 0x33, 0x44, // data ACK (4)
            0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, // data sequence number (8)
            0x00, 0x00, 0x10, 0x00, // subflow sequence number 4096
            0x05, 0xa0);            // data-level length 1440

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isDsn8());
        assertFalse(option.isDataAck8());
        assertEquals(0x11223344L, option.dataAck());
        assertEquals(0x8182838485868788L, option.dataSequenceNumber());
        assertEquals(4096L, option.subflowSequenceNumber());
        assertEquals(1440, option.dataLevelLength());
    }

    @Test
    void shouldReadEightByteDataAckWhenFlagAIsSetEvenIfDsnIsFourBytes()
    {
        // Same length (22) as the previous test, with the widths swapped: only the right flag may decide
        // each width, or one of these two tests reads garbage.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x16,                   // length 22
            0x20,                   // subtype 2 | reserved
            0x07,                   // flags: M, a, A (m clear)
            0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, // data ACK (8)
            0x11, 0x22, 0x33, 0x44, // data sequence number (4)
            0x00, 0x00, 0x10, 0x00, // subflow sequence number 4096
            0x05, 0xa0);            // data-level length 1440

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isDataAck8());
        assertFalse(option.isDsn8());
        assertEquals(0x8182838485868788L, option.dataAck());
        assertEquals(0x11223344L, option.dataSequenceNumber());
        assertEquals(4096L, option.subflowSequenceNumber());
        assertEquals(1440, option.dataLevelLength());
    }

    @Test
    void shouldReadFourByteDataAckWhenFlagAIsClear()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x08,                   // length 8
            0x20,                   // subtype 2 | reserved
            0x01,                   // flags: A (a clear)
            0xff, 0xff, 0xff, 0xfe); // data ACK (4), top bit set

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertFalse(option.isDataAck8());
        assertEquals(0xFFFF_FFFEL, option.dataAck(), "4-byte Data ACK must be zero-extended");
    }

    @Test
    void shouldReadLongestDssWithEveryFieldWithoutReadingPastIt()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x1c,                   // length 28
            0x20,                   // subtype 2 | reserved
            0x1f,                   // flags: F, m, M, a, A
            0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, // data ACK (8)
            0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, // data sequence number (8)
            0xf0, 0x00, 0x00, 0x0f, // subflow sequence number
            0x00, 0x01,             // data-level length 1
            0xc0, 0xde);            // checksum

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isDataFin());
        assertEquals(0xa1a2a3a4a5a6a7a8L, option.dataAck());
        assertEquals(0xd1d2d3d4d5d6d7d8L, option.dataSequenceNumber());
        assertEquals(0xf000000fL, option.subflowSequenceNumber());
        assertEquals(1, option.dataLevelLength());
        assertEquals(0xc0de, option.checksum());
    }

    @Test
    void shouldRecogniseInfiniteMappingByZeroDataLevelLength()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0e,                   // length 14
            0x20,                   // subtype 2 | reserved
            0x04,                   // flags: M
            0x00, 0x00, 0x12, 0x34, // data sequence number (4)
            0x00, 0x00, 0x00, 0x00, // subflow sequence number 0
            0x00, 0x00);            // data-level length 0: infinite

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertFalse(option.hasDataAck());
        assertTrue(option.isInfiniteMapping());
        assertEquals(0x1234L, option.dataSequenceNumber());
    }

    @Test
    void shouldIgnoreReservedBitsOfFlagsByte()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x08,                   // length 8
            0x2f,                   // subtype 2 | reserved bits set
            0xe1,                   // reserved bits set, flags: A
            0x00, 0x00, 0x00, 0x07); // data ACK (4)

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(DssOption.FLAG_DATA_ACK, option.flags());
        assertEquals(7L, option.dataAck());
    }

    @Test
    void shouldAcceptBareDssWithNoFields()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x04, 0x20, 0x00);   // no flags, nothing follows

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertFalse(option.hasDataAck());
        assertFalse(option.hasMapping());
        assertFalse(option.hasChecksum());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 12, 14, 16, 17, 19, 21, 22, 24})
    void shouldRejectDssWhoseLengthDisagreesWithFlags(final int length)
    {
        // Flags M, A with 4-byte fields need exactly 18 (or 20 with checksum).
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x20, 0x05));

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertFalse(option.isValid());
    }

    @Test
    void shouldRejectChecksumWithoutMapping()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0a,                   // length 10
            0x20,                   // subtype 2 | reserved
            0x01,                   // flags: A only
            0x00, 0x00, 0x00, 0x07, // data ACK (4)
            0xab, 0xcd);            // two more bytes, but a checksum only follows a mapping

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionTooShortForItsEightByteFieldsWithoutReadingPastIt()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0c,                   // length 12
            0x20,                   // subtype 2 | reserved
            0x0f,                   // flags: m, M, a, A: needs 26 or 28 bytes
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 29, 40})
    void shouldRejectLengthsOutsideAnyDss(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x20, 0x1f));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x08, 0x30, 0x01, 0, 0, 0, 0);   // subtype 3

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }

    @Test
    void shouldAssertWhenDataAckIsReadFromInvalidOption()
    {
        assumeTrue(OptionBytes.assertionsEnabledFor(DssOption.class));
        final OptionBytes o = OptionBytes.option(0x1e, 0x07, 0x20, 0x01, 0, 0, 0);

        option.wrap(o.buffer, o.offset, o.length);

        assertThrows(AssertionError.class, option::dataAck);
    }

    static Stream<Arguments> everyFlagCombinationWithAndWithoutChecksum()
    {
        final List<Arguments> arguments = new ArrayList<>();
        for (int flags = 0; flags < 32; flags++)
        {
            arguments.add(Arguments.of(flags, false));
            arguments.add(Arguments.of(flags, true));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "flags=0x{0}, checksum={1}")
    @MethodSource("everyFlagCombinationWithAndWithoutChecksum")
    void shouldDecodeEveryFlagCombination(final int flags, final boolean checksum)
    {
        final boolean a = (flags & DssOption.FLAG_DATA_ACK) != 0;
        final boolean a8 = (flags & DssOption.FLAG_DATA_ACK_8) != 0;
        final boolean m = (flags & DssOption.FLAG_MAPPING) != 0;
        final boolean m8 = (flags & DssOption.FLAG_DSN_8) != 0;
        final int expectedLength = 4 + (a ? (a8 ? 8 : 4) : 0) + (m ? (m8 ? 8 : 4) + 4 + 2 : 0) +
            (m && checksum ? 2 : 0);

        assertEquals(expectedLength, DssOption.expectedLength(flags, checksum));

        // Each field gets its own byte pattern, so reading one field at another's offset shows.
        final int length = expectedLength + (checksum && !m ? 2 : 0);
        final int[] bytes = new int[length];
        bytes[0] = 0x1e;
        bytes[1] = length;
        bytes[2] = 0x20;
        bytes[3] = flags;
        int p = 4;
        if (a)
        {
            for (int i = 0; i < (a8 ? 8 : 4); i++)
            {
                bytes[p++] = 0xa0 + i;
            }
        }
        if (m)
        {
            for (int i = 0; i < (m8 ? 8 : 4); i++)
            {
                bytes[p++] = 0xd0 + i;
            }
            bytes[p++] = 0x51;      // subflow sequence number
            bytes[p++] = 0x52;
            bytes[p++] = 0x53;
            bytes[p++] = 0x54;
            bytes[p++] = 0x4c;      // data-level length
            bytes[p++] = 0x4d;
        }
        while (p < length)
        {
            bytes[p++] = 0xcc;      // checksum, or the stray bytes that make the option invalid
        }
        final OptionBytes o = OptionBytes.option(bytes);

        option.wrap(o.tightBuffer(), o.offset, o.length);

        if (checksum && !m)
        {
            assertFalse(option.isValid(), "a checksum without a mapping is not a DSS");
            return;
        }
        assertTrue(option.isValid());
        assertEquals(flags, option.flags());
        assertEquals((flags & DssOption.FLAG_DATA_FIN) != 0, option.isDataFin());
        assertEquals(a, option.hasDataAck());
        if (a)
        {
            assertEquals(a8, option.isDataAck8());
            assertEquals(a8 ? 0xa0a1a2a3a4a5a6a7L : 0xa0a1a2a3L, option.dataAck());
        }
        assertEquals(m, option.hasMapping());
        if (m)
        {
            assertEquals(m8, option.isDsn8());
            assertEquals(m8 ? 0xd0d1d2d3d4d5d6d7L : 0xd0d1d2d3L, option.dataSequenceNumber());
            assertEquals(0x51525354L, option.subflowSequenceNumber());
            assertEquals(0x4c4d, option.dataLevelLength());
            assertFalse(option.isInfiniteMapping());
        }
        assertEquals(m && checksum, option.hasChecksum());
        if (m && checksum)
        {
            assertEquals(0xcccc, option.checksum());
        }

        // One byte more or less never fits the same flags.
        final OptionBytes longer = OptionBytes.option(withLength(bytes, length + 1));
        assertFalse(option.wrap(longer.tightBuffer(), longer.offset, longer.length).isValid());
        final OptionBytes shorter = OptionBytes.option(withLength(bytes, length - 1));
        assertFalse(option.wrap(shorter.tightBuffer(), shorter.offset, shorter.length).isValid());
    }

    private static int[] withLength(final int[] bytes, final int length)
    {
        final int[] resized = java.util.Arrays.copyOf(bytes, length);
        resized[1] = length;
        return resized;
    }
}
