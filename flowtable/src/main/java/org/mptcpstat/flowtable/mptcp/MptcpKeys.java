package org.mptcpstat.flowtable.mptcp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What an MPTCP key determines (RFC 6824 section 3.1 for v0, RFC 8684 section 3.1 for v1): the
 * token, the most significant 32 bits of the key's hash, names the connection in MP_JOINs; the
 * initial data sequence number (IDSN) is the least significant 64 bits. v0 hashes with SHA-1,
 * v1 with SHA-256; the key is hashed as its 8 bytes in network order. Also checks MP_JOIN HMACs.
 * <p>
 * One instance per tracker keeps its digests and buffers, so hashing a key or checking a join
 * allocates nothing; it happens once per key and once per join, never per packet. The HMAC is
 * computed from its definition (RFC 2104) over the same digests, because {@code javax.crypto.Mac}
 * copies its key into new arrays at every {@code init}. Not thread-safe.
 */
public final class MptcpKeys
{
    private static final int SHA256_LENGTH = 32;
    /** SHA-1 and SHA-256 both hash 64-byte blocks; an HMAC key shorter than a block is zero-padded. */
    private static final int HMAC_BLOCK_LENGTH = 64;
    private static final int HMAC_KEY_LENGTH = 16;
    private static final byte HMAC_INNER_PAD = 0x36;
    private static final byte HMAC_OUTER_PAD = 0x5C;

    private final MessageDigest sha1 = digest("SHA-1");
    private final MessageDigest sha256 = digest("SHA-256");
    private final byte[] input = new byte[8];
    private final byte[] hmacBlock = new byte[HMAC_BLOCK_LENGTH];
    private final byte[] hash = new byte[SHA256_LENGTH];
    private int token;
    private long idsn;

    /** Hashes a key; then {@link #token()} and {@link #idsn()} hold what it determines. */
    public MptcpKeys hash(final int version, final long key)
    {
        final MessageDigest digest = version == 0 ? sha1 : sha256;
        putLong(input, 0, key);
        digest.update(input, 0, 8);
        final int length = digest.getDigestLength();
        try
        {
            digest.digest(hash, 0, length);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("digest buffer too small", ex);
        }
        token = (int)getLong(hash, 0, 4);
        idsn = getLong(hash, length - 8, 8);
        return this;
    }

    /** @return the token of the last {@link #hash}ed key. */
    public int token()
    {
        return token;
    }

    /** @return the IDSN of the last {@link #hash}ed key. */
    public long idsn()
    {
        return idsn;
    }

    /**
     * Checks an MP_JOIN HMAC (RFC 8684 section 3.2): HMAC-SHA256 (v1) or HMAC-SHA1 (v0) keyed by the
     * sender's key followed by the receiver's, over the sender's random number followed by the
     * receiver's. v1 sends the leftmost 20 bytes (third ACK) or 8 bytes (SYN/ACK).
     *
     * @param sent   the HMAC bytes as sent.
     * @param length how many leading bytes were sent: 20 or 8.
     */
    public boolean joinHmacMatches(final int version, final long senderKey, final long receiverKey,
        final int senderRandom, final int receiverRandom, final byte[] sent, final int length)
    {
        joinHmac(version, senderKey, receiverKey, senderRandom, receiverRandom, hash);
        return Arrays.equals(hash, 0, length, sent, 0, length);
    }

    /**
     * Computes the whole MP_JOIN HMAC that {@link #joinHmacMatches} checks.
     *
     * @param out receives the HMAC: 20 bytes (v0) or 32 bytes (v1).
     */
    public void joinHmac(final int version, final long senderKey, final long receiverKey, final int senderRandom,
        final int receiverRandom, final byte[] out)
    {
        putLong(input, 0, ((long)senderRandom << 32) | (receiverRandom & 0xFFFF_FFFFL));
        hmac(version, senderKey, receiverKey, input, 8, out);
    }

    /**
     * HMAC-SHA1 (v0) or HMAC-SHA256 (v1) keyed by the sender's key followed by the receiver's, as
     * MP_JOIN and ADD_ADDR use it (RFC 8684 sections 3.2 and 3.4.1).
     *
     * @param message its first {@code length} bytes are authenticated.
     * @param out     receives the HMAC: 20 bytes (v0) or 32 bytes (v1).
     */
    public void hmac(final int version, final long senderKey, final long receiverKey, final byte[] message,
        final int length, final byte[] out)
    {
        final MessageDigest digest = version == 0 ? sha1 : sha256;
        // HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)), K zero-padded to the block.
        padKey(senderKey, receiverKey, HMAC_INNER_PAD);
        digest.update(hmacBlock, 0, HMAC_BLOCK_LENGTH);
        digest.update(message, 0, length);
        final int innerLength = digestInto(digest);
        padKey(senderKey, receiverKey, HMAC_OUTER_PAD);
        digest.update(hmacBlock, 0, HMAC_BLOCK_LENGTH);
        digest.update(hash, 0, innerLength);
        digestInto(digest);
        if (out != hash)
        {
            System.arraycopy(hash, 0, out, 0, innerLength);
        }
    }

    /** Fills the HMAC block with the 16-byte key (sender's then receiver's), zero-padded, XORed with {@code pad}. */
    private void padKey(final long senderKey, final long receiverKey, final byte pad)
    {
        putLong(hmacBlock, 0, senderKey);
        putLong(hmacBlock, 8, receiverKey);
        Arrays.fill(hmacBlock, HMAC_KEY_LENGTH, HMAC_BLOCK_LENGTH, (byte)0);
        for (int i = 0; i < HMAC_BLOCK_LENGTH; i++)
        {
            hmacBlock[i] ^= pad;
        }
    }

    /** @return the digest's length, now at the start of {@link #hash}. */
    private int digestInto(final MessageDigest digest)
    {
        final int length = digest.getDigestLength();
        try
        {
            digest.digest(hash, 0, length);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("digest buffer too small", ex);
        }
        return length;
    }

    private static void putLong(final byte[] bytes, final int at, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[at + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    private static long getLong(final byte[] bytes, final int at, final int length)
    {
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            value = value << 8 | (bytes[at + i] & 0xFF);
        }
        return value;
    }

    private static MessageDigest digest(final String algorithm)
    {
        try
        {
            return MessageDigest.getInstance(algorithm);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks " + algorithm, ex);
        }
    }
}
