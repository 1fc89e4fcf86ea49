package org.mptcpstat.emitters;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AsciiWriterTest
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AsciiWriter writer = new AsciiWriter(bytes, 16);

    private String written() throws IOException
    {
        writer.flush();
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldWriteSignedAndUnsignedDecimals() throws IOException
    {
        writer.putLong(0).putByte(' ').putLong(-42).putByte(' ').putLong(Long.MIN_VALUE).putByte(' ')
            .putUnsignedLong(-1L).putByte(' ').putUnsignedLong(0xCA2E_1B5B_1F3F_F2EBL);
        assertEquals("0 -42 -9223372036854775808 18446744073709551615 " +
            new BigInteger("CA2E1B5B1F3FF2EB", 16), written());
    }

    @Test
    void shouldWriteEveryDigitCountLikeBigInteger() throws IOException
    {
        final StringBuilder expected = new StringBuilder();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int digits = 1; digits <= 20; digits++)
        {
            final BigInteger power = BigInteger.TEN.pow(digits - 1);
            for (final BigInteger value : new BigInteger[] { power, power.subtract(BigInteger.ONE),
                power.multiply(BigInteger.valueOf(7)).add(BigInteger.valueOf(random.nextInt(1000))) })
            {
                if (value.bitLength() <= Long.SIZE)
                {
                    writer.putUnsignedLong(value.longValue()).putByte(' ').putLong(-value.longValue()).putByte(' ');
                    expected.append(value).append(' ').append(-value.longValue()).append(' ');
                }
            }
        }
        for (int i = 0; i < 1000; i++)
        {
            final long value = random.nextLong();
            writer.putUnsignedLong(value).putByte(' ');
            expected.append(Long.toUnsignedString(value)).append(' ');
        }
        writer.putLong(Long.MAX_VALUE);
        expected.append(Long.MAX_VALUE);

        assertEquals(expected.toString(), written());
    }

    @Test
    void shouldWriteHexWithFixedWidth() throws IOException
    {
        writer.putHex(0x18, 4).putByte(' ').putHex(0xABCDEF, 2);
        assertEquals("0018 ef", written());
    }

    @Test
    void shouldWriteEpochNanosWithNineDecimals() throws IOException
    {
        writer.putEpochNanos(1_529_037_839_537_115_721L).putByte(' ').putEpochNanos(1_000_000_000L)
            .putByte(' ').putEpochNanos(5);
        assertEquals("1529037839.537115721 1.000000000 0.000000005", written());
    }

    @Test
    void shouldWriteDottedQuad() throws IOException
    {
        writer.putIpv4(0xC0A8_0001L).putByte(' ').putIpv4(0xFFFF_FFFFL);
        assertEquals("192.168.0.1 255.255.255.255", written());
    }

    @Test
    void shouldWriteAnAddressInTheFormOfItsIpVersion() throws IOException
    {
        writer.putIpAddress(4, 0, 0xC0A8_0001L).putByte(' ').putIpAddress(6, 0x2001_0DB8_0000_0000L, 1);
        assertEquals("192.168.0.1 2001:db8::1", written());
    }

    /** Expected texts are glibc inet_ntop's, which tshark prints. */
    @ParameterizedTest
    @CsvSource({
        "20010db8000000000000000000000001, 2001:db8::1",
        "00000000000000000000000000000000, ::",
        "00000000000000000000000000000001, ::1",
        "00010000000000000000000000000000, 1::",
        "00010000000100010001000100010001, 1:0:1:1:1:1:1:1",
        "00010000000000010000000000000001, 1:0:0:1::1",
        "00010000000000000001000000000001, 1::1:0:0:1",
        "20010db8000000000001000000000001, 2001:db8::1:0:0:1",
        "00000000000000000000ffff01020304, ::ffff:1.2.3.4",
        "00000000000000000000000001020304, ::1.2.3.4",
        "00000000000000000000000000010002, ::0.1.0.2",
        "0000000000000000000000000000ffff, ::ffff",
        "0064ff9b000000000000000001020304, 64:ff9b::102:304",
        "fe80000000000000020000fffe000001, fe80::200:ff:fe00:1",
    })
    void shouldWriteIpv6LikeInetNtop(final String hex, final String text) throws IOException
    {
        final BigInteger value = new BigInteger(hex, 16);
        writer.putIpv6(value.shiftRight(64).longValue(), value.longValue());
        assertEquals(text, written());
    }

    @Test
    void shouldFlushWhenItemsOverflowTheBuffer() throws IOException
    {
        for (int i = 0; i < 100; i++)
        {
            writer.putUnsignedLong(-1L).putByte(',');
        }
        assertEquals("18446744073709551615,".repeat(100), written());
    }
}
