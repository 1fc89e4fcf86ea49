package org.mptcpstat.emitters.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mptcpstat.emitters.AsciiWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The number formats CSV cells rely on: {@link AsciiWriter#putFixed} for FLOAT64 and
 * {@link AsciiWriter#putSeconds} for TIME and DURATION.
 */
class NumberFormattingTest
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** A small buffer, so long numbers also cross flushes. */
    private final AsciiWriter writer = new AsciiWriter(bytes, 16);

    private String written() throws IOException
    {
        writer.flush();
        final String text = bytes.toString(StandardCharsets.US_ASCII);
        bytes.reset();
        return text;
    }

    /** Expected texts are Python's {@code format(x, ".Nf")}, which rounds the exact binary value. */
    @ParameterizedTest
    @CsvSource({
        "0.125, 2, 0.12",
        "0.375, 2, 0.38",
        "2.675, 2, 2.67",
        "1.0005, 3, 1.000",
        "0.9995, 3, 1.000",
        "9.9999, 3, 10.000",
        "0.5, 0, 0",
        "1.5, 0, 2",
        "2.5, 0, 2",
        "-2.5, 0, -2",
        "-0.0005, 3, -0.001",
        "-0.0004, 3, 0.000",
        "-0.0, 3, 0.000",
        "1e-5, 3, 0.000",
        "123.456, 15, 123.456000000000003",
        "4503599627370495.5, 1, 4503599627370495.5",
        "9007199254740993, 3, 9007199254740992.000",
        "9223372036854775807, 0, 9223372036854775808",
        "1e20, 3, 100000000000000000000.000",
        "-1.7976931348623157e308, 0, -179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368",
        "Infinity, 3, inf",
        "-Infinity, 3, -inf",
        "NaN, 3, nan",
    })
    void shouldRoundTheExactBinaryValueHalfToEven(final double value, final int decimals, final String text)
        throws IOException
    {
        writer.putFixed(value, decimals);
        assertEquals(text, written());
    }

    @Test
    void shouldMatchBigDecimalOnRandomDoublesOfEveryMagnitude() throws IOException
    {
        final SplittableRandom random = new SplittableRandom(20240611);
        for (int i = 0; i < 200_000; i++)
        {
            final double value = randomFiniteDouble(random, i);
            final int decimals = random.nextInt(AsciiWriter.MAX_FIXED_DECIMALS + 1);
            writer.putFixed(value, decimals);
            final String expected = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
            assertEquals(expected, written(), () -> value + " with " + decimals + " decimals");
        }
    }

    /** Mostly values near the rounding boundaries of a few decimals; sometimes any bit pattern. */
    private static double randomFiniteDouble(final SplittableRandom random, final int i)
    {
        if (i % 4 == 0)
        {
            double value;
            do
            {
                value = Double.longBitsToDouble(random.nextLong());
            }
            while (!Double.isFinite(value));
            return value;
        }
        final double tie = (random.nextLong(2_000_000) + 0.5) / Math.pow(10, random.nextInt(7));
        final double value = i % 4 == 1 ? tie : tie * random.nextDouble(0.5, 2) * Math.pow(10, random.nextInt(-20, 25));
        return random.nextBoolean() ? value : -value;
    }

    @Test
    void shouldRejectDecimalsItCannotRoundExactly()
    {
        assertThrows(IllegalArgumentException.class, () -> writer.putFixed(1, AsciiWriter.MAX_FIXED_DECIMALS + 1));
        assertThrows(IllegalArgumentException.class, () -> writer.putFixed(1, -1));
        assertThrows(IllegalArgumentException.class, () -> writer.putSeconds(1, AsciiWriter.MAX_SECONDS_DECIMALS + 1));
    }

    @ParameterizedTest
    @CsvSource({
        "1529037839537115721, 9, 1529037839.537115721",
        "1529037839537115721, 6, 1529037839.537115",
        "1529037839537115721, 0, 1529037839",
        "5, 9, 0.000000005",
        "-1999, 6, -0.000001",
        "-999, 6, 0.000000",
        "-1000000000, 3, -1.000",
        "-9223372036854775808, 9, -9223372036.854775808",
        "9223372036854775807, 9, 9223372036.854775807",
    })
    void shouldWriteNanosAsTruncatedSeconds(final long nanos, final int decimals, final String text) throws IOException
    {
        writer.putSeconds(nanos, decimals);
        assertEquals(text, written());
    }
}
