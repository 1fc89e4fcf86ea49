package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdfTest
{
    @Test
    void shouldSortTheValuesAndEndAtOne()
    {
        final Cdf cdf = Cdf.of(new double[] { 5, 1, 4, 2, 3 });

        assertArrayEquals(new double[] { 1, 2, 3, 4, 5 }, cdf.x());
        assertArrayEquals(new double[] { 0.2, 0.4, 0.6, 0.8, 1.0 }, cdf.y(), 1e-12);
        assertEquals(1.0, cdf.y()[cdf.y().length - 1]);
        assertEquals(5, cdf.count());
    }

    @Test
    void shouldGiveEqualValuesOnePointAtTheHeightOfTheLast()
    {
        final Cdf cdf = Cdf.of(new double[] { 2, 1, 2, 2 });

        assertArrayEquals(new double[] { 1, 2 }, cdf.x());
        assertArrayEquals(new double[] { 0.25, 1.0 }, cdf.y());
    }

    @Test
    void shouldLeaveOutValuesThatWereNotMeasured()
    {
        final Cdf cdf = Cdf.of(new double[] { Double.NaN, 3, Double.POSITIVE_INFINITY, 1 });

        assertArrayEquals(new double[] { 1, 3 }, cdf.x());
        assertArrayEquals(new double[] { 0.5, 1.0 }, cdf.y());
        assertEquals(2, cdf.count());
    }

    @Test
    void shouldKeepTheFractionsOfAllValuesWhenDroppingNonPositiveOnesForALogAxis()
    {
        final Cdf cdf = Cdf.of(new double[] { 0, 0, 10, 100 }).positive();

        assertArrayEquals(new double[] { 10, 100 }, cdf.x());
        assertArrayEquals(new double[] { 0.75, 1.0 }, cdf.y());
        assertEquals(4, cdf.count());
    }

    @Test
    void shouldHaveNoPointsWithoutValues()
    {
        assertFalse(Cdf.of(new double[0]).hasPoints());
        assertTrue(Cdf.of(new double[0]).isEmpty());
        assertFalse(Cdf.of(new double[] { 0, -1 }).positive().hasPoints());
    }

    @Test
    void shouldReadOnlyTheFilledPartOfAList()
    {
        final DoubleArrayList values = new DoubleArrayList(100);
        values.add(3, 1, 2);

        final Cdf cdf = Cdf.of(values);

        assertArrayEquals(new double[] { 1, 2, 3 }, cdf.x());
        assertEquals(1.0, cdf.y()[2]);
    }

    @Test
    void shouldCountEachValueAsManyTimesAsItsWeight()
    {
        final Cdf cdf = Cdf.weighted(DoubleArrayList.from(3, 1, 3, 2, 7), DoubleArrayList.from(1, 2, 1, 0, 4));

        // 1 twice, 3 twice (two rows), 7 four times; 2 weighs nothing.
        assertArrayEquals(new double[] { 1, 3, 7 }, cdf.x());
        assertArrayEquals(new double[] { 0.25, 0.5, 1.0 }, cdf.y(), 1e-12);
        assertEquals(8, cdf.count());
        assertTrue(Cdf.weighted(new DoubleArrayList(), new DoubleArrayList()).isEmpty());
    }
}
