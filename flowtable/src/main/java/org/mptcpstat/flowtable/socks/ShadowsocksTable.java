package org.mptcpstat.flowtable.socks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The byte substitution of the shadowsocks "table" cipher, built once per password.
 * <p>
 * The encryption table is what {@code get_table(key)} of the original Python shadowsocks computes:
 * <pre>
 *   a     = first 8 bytes of MD5(password) as an unsigned little-endian 64-bit integer
 *   table = [0, 1, ..., 255]
 *   for i in 1..1023:
 *       table = stable_sort(table, key = a mod (byte + i))
 *   encrypt: c = table[p]          decrypt: the inverse permutation
 * </pre>
 * The same substitution is applied to every byte of both directions, so there is no IV and no
 * state: a byte decrypts the same wherever it is in the stream.
 * <p>
 * The digest often has its top bit set (it does for "foobar"), so {@code a} is taken modulo with
 * {@link Long#remainderUnsigned}: a signed {@code %} would give a different table.
 */
public final class ShadowsocksTable
{
    /** One entry per byte value. */
    public static final int SIZE = 256;
    /** Sort passes, i = 1..1023 in the reference implementation. */
    static final int SORT_ROUNDS = 1023;

    /** Bytes of the MD5 digest read as the sort key seed. */
    private static final int SEED_BYTES = 8;
    private static final int BYTE_MASK = 0xFF;
    /**
     * A stable sort of 256 values by key, done as a plain sort of packed ints:
     * {@code key << 16 | position << 8 | value}. Ties on the key are broken by the value's current
     * position, which is exactly what stability means; keys stay below 255 + 1023 so the packed
     * value stays positive.
     */
    private static final int KEY_SHIFT = 16;
    private static final int POSITION_SHIFT = 8;

    private final byte[] encrypt;
    private final byte[] decrypt;

    private ShadowsocksTable(final byte[] encrypt)
    {
        this.encrypt = encrypt;
        this.decrypt = new byte[SIZE];
        for (int plain = 0; plain < SIZE; plain++)
        {
            decrypt[encrypt[plain] & BYTE_MASK] = (byte)plain;
        }
    }

    /** @param password the password as configured; encoded as UTF-8, as shadowsocks reads its config. */
    public static ShadowsocksTable fromPassword(final String password)
    {
        return fromPassword(password.getBytes(StandardCharsets.UTF_8));
    }

    public static ShadowsocksTable fromPassword(final byte[] password)
    {
        final long seed = seed(password);
        final int[] order = new int[SIZE];
        for (int value = 0; value < SIZE; value++)
        {
            order[value] = value;
        }
        final int[] packed = new int[SIZE];
        for (int round = 1; round <= SORT_ROUNDS; round++)
        {
            for (int position = 0; position < SIZE; position++)
            {
                final int value = order[position];
                final int key = (int)Long.remainderUnsigned(seed, value + round);
                packed[position] = key << KEY_SHIFT | position << POSITION_SHIFT | value;
            }
            Arrays.sort(packed);
            for (int position = 0; position < SIZE; position++)
            {
                order[position] = packed[position] & BYTE_MASK;
            }
        }
        final byte[] encrypt = new byte[SIZE];
        for (int plain = 0; plain < SIZE; plain++)
        {
            encrypt[plain] = (byte)order[plain];
        }
        return new ShadowsocksTable(encrypt);
    }

    /** @return the ciphertext byte, 0..255, for a plaintext byte (only its low 8 bits are used). */
    public int encrypt(final int plainByte)
    {
        return encrypt[plainByte & BYTE_MASK] & BYTE_MASK;
    }

    /** @return the plaintext byte, 0..255, for a ciphertext byte (only its low 8 bits are used). */
    public int decrypt(final int cipherByte)
    {
        return decrypt[cipherByte & BYTE_MASK] & BYTE_MASK;
    }

    /** @return the decryption table itself, not a copy: the decoder's hot path indexes it directly. */
    byte[] decryptTable()
    {
        return decrypt;
    }

    private static long seed(final byte[] password)
    {
        final byte[] digest;
        try
        {
            digest = MessageDigest.getInstance("MD5").digest(password);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            // Every Java platform must provide MD5 (MessageDigest's Javadoc), so this cannot happen.
            throw new IllegalStateException(ex);
        }
        long seed = 0;
        for (int i = SEED_BYTES - 1; i >= 0; i--)
        {
            seed = seed << 8 | (digest[i] & BYTE_MASK);
        }
        return seed;
    }
}
