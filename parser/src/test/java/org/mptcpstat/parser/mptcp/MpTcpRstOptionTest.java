package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MpTcpRstOptionTest
{
    private final MpTcpRstOption option = new MpTcpRstOption();

    @Test
    void shouldReadTransientFlagAndReason()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x81,                   // subtype 8 (MP_TCPRST) | U=0 V=0 W=0 T=1
            0x06);                  // reason 6: middlebox interference

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isTransient());
        assertFalse(option.isFlagU());
        assertFalse(option.isFlagV());
        assertFalse(option.isFlagW());
        assertEquals(MpTcpRstOption.FLAG_TRANSIENT, option.flags());
        assertEquals(MpTcpRstOption.REASON_MIDDLEBOX_INTERFERENCE, option.reason());
    }

    @Test
    void shouldReadFlagsUVWFromHighToLowBits()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x8e,                   // subtype 8 | U=1 V=1 W=1 T=0
            0x00);                  // reason 0: unspecified

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isFlagU());
        assertTrue(option.isFlagV());
        assertTrue(option.isFlagW());
        assertFalse(option.isTransient());
        assertEquals(0x0e, option.flags());

        final OptionBytes onlyU = OptionBytes.option(0x1e, 0x04, 0x88, 0x00);   // U only
        option.wrap(onlyU.buffer, onlyU.offset, onlyU.length);
        assertTrue(option.isFlagU());
        assertFalse(option.isFlagV());
        assertFalse(option.isFlagW());
        assertFalse(option.isTransient());
    }

    @ParameterizedTest
    @CsvSource({
        "0, UNSPECIFIED",
        "1, MPTCP_SPECIFIC_ERROR",
        "2, LACK_OF_RESOURCES",
        "3, ADMINISTRATIVELY_PROHIBITED",
        "4, TOO_MUCH_OUTSTANDING_DATA",
        "5, UNACCEPTABLE_PERFORMANCE",
        "6, MIDDLEBOX_INTERFERENCE",
        "7, UNKNOWN",
        "255, UNKNOWN"})
    void shouldReadAndNameEveryReason(final int reason, final String name)
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x04, 0x80, reason);

        option.wrap(o.buffer, o.offset, o.length);

        assertEquals(reason, option.reason());
        assertEquals(name, MpTcpRstOption.reasonName(option.reason()));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void shouldRejectLengthsOtherThanFour(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x81, 0x01));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x04, 0x51, 0x01);   // subtype 5

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }
}
