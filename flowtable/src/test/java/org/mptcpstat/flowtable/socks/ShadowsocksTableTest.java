package org.mptcpstat.flowtable.socks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The expected values were computed independently with Python 3, the language of the original
 * shadowsocks, whose sort is stable:
 * <pre>
 * a, = struct.unpack('&lt;Q', hashlib.md5(password.encode()).digest()[:8])
 * t = list(range(256))
 * for i in range(1, 1024):
 *     t = sorted(t, key=lambda x: a % (x + i))
 * enc = t; dec[enc[p]] = p
 * </pre>
 * For "foobar", a = 0x913CAC3022F65838: its top bit is set, so a signed remainder would differ.
 */
class ShadowsocksTableTest
{
    @Test
    void shouldBuildTheFoobarTableThatPythonShadowsocksBuilds()
    {
        final ShadowsocksTable table = ShadowsocksTable.fromPassword("foobar");

        assertEncrypts(table, 0, 0xCD, 0x10, 0x1F, 0xF4, 0x2E, 0xE5, 0x61, 0xED, 0x1A, 0x25, 0x55, 0xE3, 0xEB, 0x01,
            0x24, 0xE9);
        assertEncrypts(table, 240, 0xC9, 0xE8, 0xE2, 0x70, 0x73, 0xE6, 0x8D, 0x7D, 0xA9, 0xEA, 0xC0, 0xBE, 0xBB, 0xA5,
            0xA6, 0xF7);
        assertDecrypts(table, 0, 0x70, 0x0D, 0x18, 0xAE, 0xE3, 0x36, 0x8B, 0xA1, 0xAC, 0xB4, 0x9C, 0xC0, 0x5E, 0xCB,
            0x37, 0x90);
        assertEquals(0xA5, table.decrypt(0x41));
        assertEquals(0xC4, table.decrypt(0x7F));
        assertEquals(0x8D, table.decrypt(0x80));
        assertEquals(0xB6, table.decrypt(0xFF));
    }

    @Test
    void shouldBuildTheTableOfASecondPasswordThatPythonShadowsocksBuilds()
    {
        final ShadowsocksTable table = ShadowsocksTable.fromPassword("mptcp-proxy");

        assertEncrypts(table, 0, 0x86, 0x67, 0x8F, 0xB9, 0x05, 0x1F, 0x64, 0xBE, 0xA2, 0x44, 0x7D, 0x34, 0x88, 0xB6,
            0x11, 0x68);
        assertEncrypts(table, 240, 0x3C, 0x6B, 0x59, 0xF6, 0x7E, 0x72, 0xAD, 0x6D, 0x83, 0x8D, 0xC4, 0x87, 0xE7, 0xD9,
            0xBC, 0xF8);
        assertDecrypts(table, 0, 0x3A, 0x1A, 0x72, 0xC0, 0xAF, 0x04, 0x68, 0x60, 0xCE, 0x90, 0xB9, 0xB6, 0x42, 0xB1,
            0x5E, 0x49);
    }

    @Test
    void shouldMatchTheWholeTablesPythonBuildsByDigest() throws Exception
    {
        // hashlib.sha256(bytes(enc)).hexdigest() in the same Python script.
        assertEquals("4f6217bcc7681c8341ade843cc9c4bf376e9dcfa8afbe2b61fe19dc53bb0e42f",
            sha256OfEncryptTable(ShadowsocksTable.fromPassword("foobar")));
        assertEquals("c3b666df42f95118db1799a4b9ea49465e8cab2406e0d28d0d73b0e217ab506c",
            sha256OfEncryptTable(ShadowsocksTable.fromPassword("mptcp-proxy")));
    }

    @Test
    void shouldDecryptEveryByteItEncryptsAndBeAPermutation()
    {
        for (final String password : new String[] { "foobar", "mptcp-proxy", "", "pässwörd" })
        {
            final ShadowsocksTable table = ShadowsocksTable.fromPassword(password);
            final boolean[] seen = new boolean[256];
            for (int b = 0; b < 256; b++)
            {
                final int cipher = table.encrypt(b);
                assertEquals(b, table.decrypt(cipher), password);
                assertEquals(b, table.encrypt(table.decrypt(b)), password);
                seen[cipher] = true;
            }
            for (int b = 0; b < 256; b++)
            {
                assertEquals(true, seen[b], password + ": " + b + " is never a ciphertext");
            }
        }
    }

    @Test
    void shouldUseOnlyTheLowEightBitsOfItsArgument()
    {
        final ShadowsocksTable table = ShadowsocksTable.fromPassword("foobar");
        assertEquals(table.encrypt(0xFF), table.encrypt((byte)0xFF));
        assertEquals(table.decrypt(0x41), table.decrypt(0x141));
    }

    @Test
    void shouldBuildTheSameTableFromTheStringAndItsUtf8Bytes()
    {
        final ShadowsocksTable fromString = ShadowsocksTable.fromPassword("pässwörd");
        final ShadowsocksTable fromBytes = ShadowsocksTable.fromPassword("pässwörd".getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 256; b++)
        {
            assertEquals(fromString.encrypt(b), fromBytes.encrypt(b));
        }
    }

    private static void assertEncrypts(final ShadowsocksTable table, final int first, final int... expected)
    {
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], table.encrypt(first + i), "encrypt(" + (first + i) + ")");
        }
    }

    private static void assertDecrypts(final ShadowsocksTable table, final int first, final int... expected)
    {
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], table.decrypt(first + i), "decrypt(" + (first + i) + ")");
        }
    }

    private static String sha256OfEncryptTable(final ShadowsocksTable table) throws Exception
    {
        final byte[] encrypt = new byte[256];
        for (int b = 0; b < 256; b++)
        {
            encrypt[b] = (byte)table.encrypt(b);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encrypt));
    }
}
