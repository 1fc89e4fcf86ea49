package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoveAddrOptionTest
{
    private final RemoveAddrOption option = new RemoveAddrOption();

    @Test
    void shouldReadSingleAddressId()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x40,                   // subtype 4 (REMOVE_ADDR) | reserved
            0x03);                  // address ID 3

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(1, option.count());
        assertEquals(3, option.addressId(0));
    }

    @Test
    void shouldReadEveryAddressIdOfLongList()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x07,                   // length 7 = 3 + 4 IDs
            0x4f,                   // subtype 4 | reserved bits set (ignored)
            0x00, 0x01, 0x80, 0xff); // address IDs 0, 1, 128, 255

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(4, option.count());
        assertEquals(0, option.addressId(0));
        assertEquals(1, option.addressId(1));
        assertEquals(128, option.addressId(2));
        assertEquals(255, option.addressId(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void shouldRejectOptionWithoutAnyAddressId(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x40));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x04, 0x50, 0x03);   // subtype 5

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }

    @Test
    void shouldAssertWhenIndexIsPastTheList()
    {
        assumeTrue(OptionBytes.assertionsEnabledFor(RemoveAddrOption.class));
        final OptionBytes o = OptionBytes.option(0x1e, 0x05, 0x40, 0x01, 0x02);

        option.wrap(o.buffer, o.offset, o.length);

        assertThrows(AssertionError.class, () -> option.addressId(2));
    }
}
