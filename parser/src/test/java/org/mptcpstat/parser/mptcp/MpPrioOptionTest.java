package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpPrioOptionTest
{
    private final MpPrioOption option = new MpPrioOption();

    @Test
    void shouldReadBackupFlagOfV1OptionWithoutAddressId()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x03,                   // length 3
            0x51);                  // subtype 5 (MP_PRIO) | B=1

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isBackup());
        assertFalse(option.hasAddressId());
    }

    @Test
    void shouldReadAddressIdOfV0Option()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x50,                   // subtype 5 | B=0
            0xc8);                  // address ID 200

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertFalse(option.isBackup());
        assertTrue(option.hasAddressId());
        assertEquals(200, option.addressId());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 8})
    void shouldRejectLengthsOtherThanThreeAndFour(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x51, 0x01));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x03, 0x41);   // subtype 4

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }
}
