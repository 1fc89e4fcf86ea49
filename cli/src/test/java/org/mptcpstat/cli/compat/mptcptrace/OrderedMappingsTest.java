package org.mptcpstat.cli.compat.mptcptrace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderedMappingsTest
{
    private final OrderedMappings mappings = new OrderedMappings(64);

    /** Inserts at the place {@link OrderedMappings#indexOf} gives, as owners do. */
    private void insert(final long start)
    {
        final int index = mappings.indexOf(start);
        assertTrue(index < 0, "already there: " + start);
        mappings.insert(-index - 1, start, start * 10, start * 100);
    }

    private List<Long> starts()
    {
        final List<Long> starts = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++)
        {
            starts.add(mappings.start(i));
            assertEquals(mappings.start(i) * 10, mappings.first(i), "values move with their start");
            assertEquals(mappings.start(i) * 100, mappings.second(i), "values move with their start");
        }
        return starts;
    }

    @Test
    void shouldKeepMappingsInOrderOfStartWhereverTheyAreInserted()
    {
        for (final long start : new long[] { 50, 10, 40, 20, 30 })
        {
            insert(start);
        }
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), starts());
        assertEquals(2, mappings.indexOf(30));
        assertEquals(-4, mappings.indexOf(35), "-(insertion point) - 1");
    }

    @Test
    void shouldKeepTheOrderAcrossGrowthAndTheRingsWrap()
    {
        for (long start = 0; start < 12; start++)
        {
            insert(start);
        }
        for (int i = 0; i < 8; i++)
        {
            mappings.removeFirst();
        }
        // The head is now far into the arrays: appending wraps, then the arrays double.
        for (long start = 12; start < 40; start++)
        {
            insert(start);
        }
        insert(-1);
        final List<Long> expected = new ArrayList<>(List.of(-1L));
        for (long start = 8; start < 40; start++)
        {
            expected.add(start);
        }
        assertEquals(expected, starts());
    }

    @Test
    void shouldOrderStartsAcrossTheWrapOfThe64BitSpace()
    {
        insert(Long.MIN_VALUE + 5);
        insert(Long.MAX_VALUE - 5);
        assertEquals(List.of(Long.MAX_VALUE - 5, Long.MIN_VALUE + 5), starts(), "MIN_VALUE + 5 follows MAX_VALUE - 5");
    }

    @Test
    void shouldSayWhenFullAndTakeNoLimitButAPowerOfTwo()
    {
        final OrderedMappings small = new OrderedMappings(16);
        for (int i = 0; i < 16; i++)
        {
            small.insert(i, i, 0, 0);
        }
        assertTrue(small.full());
        assertThrows(IllegalArgumentException.class, () -> new OrderedMappings(100));
    }
}
