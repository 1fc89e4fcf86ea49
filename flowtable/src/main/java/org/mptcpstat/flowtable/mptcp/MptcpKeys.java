package org.mptcpstat.flowtable.mptcp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an MPTCP key determines (RFC 6824 section 3.1 for v0, RFC 8684 section 3.1 for v1): the
 * token, the most significant 32 bits of the key's hash, names the connection in MP_JOINs; the
 * initial data sequence number (IDSN) is the least significant 64 bits. v0 hashes with SHA-1,
 * v1 with SHA-256; the key is hashed as its 8 bytes in network order. Called once per key, never
 * per packet.
 */
public final class MptcpKeys
{
    private MptcpKeys()
    {
    }

    public static int token(final int version, final long key)
    {
        return ByteBuffer.wrap(hash(version, key)).getInt(0);
    }

    public static long idsn(final int version, final long key)
    {
        final byte[] hash = hash(version, key);
        return ByteBuffer.wrap(hash).getLong(hash.length - 8);
    }

    /**
     * The MP_JOIN HMAC (RFC 8684 section 3.2): HMAC-SHA256 (v1) or HMAC-SHA1 (v0) keyed by the
     * sender's key followed by the receiver's, over the sender's random number followed by the
     * receiver's.
     *
     * @return the full HMAC (20 bytes for v0, 32 for v1; v1 sends the first 20 or 8).
     */
    public static byte[] joinHmac(final int version, final long senderKey, final long receiverKey,
        final int senderRandom, final int receiverRandom)
    {
        final String algorithm = version == 0 ? "HmacSHA1" : "HmacSHA256";
        try
        {
            final Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(ByteBuffer.allocate(16).putLong(senderKey).putLong(receiverKey).array(), algorithm));
            return mac.doFinal(ByteBuffer.allocate(8).putInt(senderRandom).putInt(receiverRandom).array());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks " + algorithm, ex);
        }
    }

    private static byte[] hash(final int version, final long key)
    {
        try
        {
            return MessageDigest.getInstance(version == 0 ? "SHA-1" : "SHA-256")
                .digest(ByteBuffer.allocate(8).putLong(key).array());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks SHA-1 or SHA-256", ex);
        }
    }
}
