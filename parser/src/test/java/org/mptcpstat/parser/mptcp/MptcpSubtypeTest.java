package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MptcpSubtypeTest
{
    @Test
    void shouldReadSubtypeFromUpperNibbleOfThirdByte()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x81,                   // subtype 8 (MP_TCPRST) | flags T
            0x06);                  // reason 6

        assertEquals(MptcpSubtype.MP_TCPRST, MptcpSubtype.of(o.buffer, o.offset));
        assertEquals(MptcpSubtype.MP_TCPRST, MptcpSubtype.of(o.buffer, o.offset, o.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xE, 0xF})
    void shouldIgnoreLowNibbleWhenReadingSubtype(final int subtype)
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x03, (subtype << 4) | 0x0F);

        assertEquals(subtype, MptcpSubtype.of(o.buffer, o.offset, o.length));
    }

    @Test
    void shouldReturnNoneForTwoByteOptionWithoutReadingPastIt()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x02);                  // length 2: no subtype byte at all

        assertEquals(MptcpSubtype.NONE, MptcpSubtype.of(o.tightBuffer(), o.offset, o.length));
    }

    @Test
    void shouldNameEveryDefinedSubtype()
    {
        assertEquals("MP_CAPABLE", MptcpSubtype.name(MptcpSubtype.MP_CAPABLE));
        assertEquals("MP_JOIN", MptcpSubtype.name(MptcpSubtype.MP_JOIN));
        assertEquals("DSS", MptcpSubtype.name(MptcpSubtype.DSS));
        assertEquals("ADD_ADDR", MptcpSubtype.name(MptcpSubtype.ADD_ADDR));
        assertEquals("REMOVE_ADDR", MptcpSubtype.name(MptcpSubtype.REMOVE_ADDR));
        assertEquals("MP_PRIO", MptcpSubtype.name(MptcpSubtype.MP_PRIO));
        assertEquals("MP_FAIL", MptcpSubtype.name(MptcpSubtype.MP_FAIL));
        assertEquals("MP_FASTCLOSE", MptcpSubtype.name(MptcpSubtype.MP_FASTCLOSE));
        assertEquals("MP_TCPRST", MptcpSubtype.name(MptcpSubtype.MP_TCPRST));
        assertEquals("MP_EXPERIMENTAL", MptcpSubtype.name(MptcpSubtype.MP_EXPERIMENTAL));
    }

    @ParameterizedTest
    @ValueSource(ints = {MptcpSubtype.NONE, 0x9, 0xA, 0xE, 16, 255})
    void shouldNameUnassignedSubtypesUnknown(final int subtype)
    {
        assertEquals("UNKNOWN", MptcpSubtype.name(subtype));
    }

    @Test
    void shouldReturnConstantNamesSoDisplayAllocatesNothing()
    {
        assertSame(MptcpSubtype.name(MptcpSubtype.DSS), MptcpSubtype.name(MptcpSubtype.DSS));
        assertSame(MptcpSubtype.name(0xB), MptcpSubtype.name(0xC));
    }

    @Test
    void shouldDefineFormatsOnlyForSubtypesZeroToEight()
    {
        for (int subtype = 0; subtype <= 8; subtype++)
        {
            assertTrue(MptcpSubtype.isDefined(subtype), "subtype " + subtype);
        }
        for (int subtype = 9; subtype <= 0xF; subtype++)
        {
            assertFalse(MptcpSubtype.isDefined(subtype), "subtype " + subtype);
        }
        assertFalse(MptcpSubtype.isDefined(MptcpSubtype.NONE));
    }
}
