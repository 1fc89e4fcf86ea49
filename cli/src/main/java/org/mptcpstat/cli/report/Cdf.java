package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;

import java.util.Arrays;

/**
 * An empirical cumulative distribution: the values sorted ascending ({@link #x()}) and, for each,
 * the fraction of values less than or equal to it ({@link #y()}), so the last y is 1.
 * Equal values share one point, at the height of the last of them. NaN and infinite values are
 * left out (not measured).
 */
public final class Cdf
{
    private final double[] x;
    private final double[] y;
    private final int count;

    private Cdf(final double[] x, final double[] y, final int count)
    {
        this.x = x;
        this.y = y;
        this.count = count;
    }

    public static Cdf of(final DoubleArrayList values)
    {
        return of(values.buffer, values.size());
    }

    public static Cdf of(final double[] values)
    {
        return of(values, values.length);
    }

    private static Cdf of(final double[] values, final int length)
    {
        final double[] sorted = new double[length];
        int n = 0;
        for (int i = 0; i < length; i++)
        {
            if (Double.isFinite(values[i]))
            {
                sorted[n++] = values[i] == 0.0 ? 0.0 : values[i]; // -0.0 sorts below 0.0: one zero only
            }
        }
        Arrays.sort(sorted, 0, n);
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        int points = 0;
        for (int i = 0; i < n; i++)
        {
            if (i + 1 < n && sorted[i + 1] == sorted[i])
            {
                continue;
            }
            xs[points] = sorted[i];
            ys[points] = i + 1 == n ? 1.0 : (double)(i + 1) / n;
            points++;
        }
        return new Cdf(Arrays.copyOf(xs, points), Arrays.copyOf(ys, points), n);
    }

    /** @return how many values the distribution was built from. */
    public int count()
    {
        return count;
    }

    public boolean isEmpty()
    {
        return count == 0;
    }

    /** @return the distinct values, ascending. */
    public double[] x()
    {
        return x.clone();
    }

    /** @return the fraction of values at or below each of {@link #x()}, ascending, the last 1. */
    public double[] y()
    {
        return y.clone();
    }

    /**
     * @return the same distribution without its points at or below zero, for a logarithmic x axis;
     *     the fractions stay those of all values, so the curve starts at the share of values &lt;= 0.
     */
    public Cdf positive()
    {
        int first = 0;
        while (first < x.length && x[first] <= 0)
        {
            first++;
        }
        return new Cdf(Arrays.copyOfRange(x, first, x.length), Arrays.copyOfRange(y, first, y.length), count);
    }

    /** @return whether there is any point to draw. */
    public boolean hasPoints()
    {
        return x.length > 0;
    }
}
