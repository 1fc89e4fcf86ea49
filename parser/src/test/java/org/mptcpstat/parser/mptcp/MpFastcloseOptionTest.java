package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpFastcloseOptionTest
{
    private final MpFastcloseOption option = new MpFastcloseOption();

    @Test
    void shouldReadReceiverKeyFromRealCapture()
    {
        // public-v0/client_2.pcap frame 2775. tshark 4.0: Fast Close, Reserved: 0x000,
        // Receiver's Key: 8001645668211153853.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0c,                   // length 12
            0x70, 0x00,             // subtype 7 (MP_FASTCLOSE) | reserved (12 bits)
            0x6f, 0x0b, 0x8e, 0x57, 0x38, 0x44, 0xdb, 0xbd); // receiver's key

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(8001645668211153853L, option.receiverKey());
    }

    @Test
    void shouldReturnKeyWithTopBitSetAsRawBits()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e, 0x0c, 0x70, 0x00,                         // kind, length 12, subtype 7 | reserved
            0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8); // receiver's key

        option.wrap(o.buffer, o.offset, o.length);

        assertEquals(0xfffefdfcfbfaf9f8L, option.receiverKey());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 11, 13, 20})
    void shouldRejectLengthsOtherThanTwelve(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x70));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(12, 0x1e, 12, 0x60));  // subtype 6

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }
}
