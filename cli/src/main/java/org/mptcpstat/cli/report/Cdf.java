package org.mptcpstat.cli.report;

import com.carrotsearch.hppc.DoubleArrayList;
import com.carrotsearch.hppc.LongDoubleHashMap;

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
    private final long count;

    private Cdf(final double[] x, final double[] y, final long count)
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

    /**
     * @return the distribution of {@code values} where each counts {@code weights} times (the same
     *     index; e.g. a histogram's bins and counts); values of weight 0 or less, NaN or infinite are
     *     left out. {@link #count()} is then the sum of the weights kept.
     */
    public static Cdf weighted(final DoubleArrayList values, final DoubleArrayList weights)
    {
        if (values.size() != weights.size())
        {
            throw new IllegalArgumentException(values.size() + " values for " + weights.size() + " weights");
        }
        // Summed per distinct value, keyed by the value's bits (one zero only), so nothing is boxed.
        final LongDoubleHashMap byValue = new LongDoubleHashMap();
        for (int i = 0; i < values.size(); i++)
        {
            final double value = values.get(i);
            final double weight = weights.get(i);
            if (Double.isFinite(value) && Double.isFinite(weight) && weight > 0)
            {
                byValue.addTo(Double.doubleToLongBits(value == 0.0 ? 0.0 : value), weight);
            }
        }
        final double[] xs = new double[byValue.size()];
        int n = 0;
        for (final var entry : byValue)
        {
            xs[n++] = Double.longBitsToDouble(entry.key);
        }
        Arrays.sort(xs);
        double total = 0;
        for (final double x : xs)
        {
            total += byValue.get(Double.doubleToLongBits(x));
        }
        final double[] ys = new double[xs.length];
        double below = 0;
        for (int i = 0; i < xs.length; i++)
        {
            below += byValue.get(Double.doubleToLongBits(xs[i]));
            ys[i] = i + 1 == xs.length ? 1.0 : below / total;
        }
        return new Cdf(xs, ys, Math.round(total));
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

    /** @return how many values the distribution was built from (weighted: the sum of their weights). */
    public long count()
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
