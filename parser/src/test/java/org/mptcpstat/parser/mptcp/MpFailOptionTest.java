package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpFailOptionTest
{
    private final MpFailOption option = new MpFailOption();

    @Test
    void shouldReadEightByteDataSequenceNumber()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0c,                   // length 12
            0x60, 0x00,             // subtype 6 (MP_FAIL) | reserved (12 bits)
            0xf1, 0xe2, 0xd3, 0xc4, 0xb5, 0xa6, 0x97, 0x88); // data sequence number (8)

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0xf1e2d3c4b5a69788L, option.dataSequenceNumber());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 11, 13, 16})
    void shouldRejectLengthsOtherThanTwelve(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x60));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(12, 0x1e, 12, 0x70));  // subtype 7

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }
}
