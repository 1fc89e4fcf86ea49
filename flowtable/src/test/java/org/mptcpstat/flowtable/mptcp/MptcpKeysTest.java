package org.mptcpstat.flowtable.mptcp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected values computed independently with coreutils on the key's 8 bytes:
 * {@code printf '%016x' KEY | xxd -r -p | sha1sum} (v0) and {@code ... | sha256sum} (v1);
 * the token is the hash's first 4 bytes, the IDSN its last 8.
 */
class MptcpKeysTest
{
    /** Client key of client_2.pcap frame 2 (tshark: 14568871653868829995). */
    private static final long KEY = 0xca2f07947b1bfd2bL;

    @Test
    void shouldDeriveV0TokenAndIdsnFromSha1()
    {
        // sha1 = 87f531145d991539258c33d4528b5d084e92c2fc
        final MptcpKeys keys = new MptcpKeys().hash(0, KEY);
        assertEquals(0x87f53114, keys.token());
        assertEquals(0x528b5d084e92c2fcL, keys.idsn());
    }

    @Test
    void shouldMatchTheFirstDataSequenceNumberOfTheRealV0Connection()
    {
        // client_2.pcap frame 8: the first mapping's 4-byte DSN is 1318241021 = IDSN + 1 (low 32 bits).
        assertEquals(1318241021L, (new MptcpKeys().hash(0, KEY).idsn() + 1) & 0xFFFF_FFFFL);
    }

    @Test
    void shouldDeriveV1TokenAndIdsnFromSha256()
    {
        // sha256 = 62f44dd3a9c190ce3955b6594f8c1562d24b081f1cb75cbb62ef7d9ee6264bd1
        final MptcpKeys keys = new MptcpKeys().hash(1, KEY);
        assertEquals(0x62f44dd3, keys.token());
        assertEquals(0x62ef7d9ee6264bd1L, keys.idsn());
        assertEquals(0x87f53114, keys.hash(0, KEY).token(), "one instance hashes key after key");
    }

    @Test
    void shouldCheckJoinHmacsAsTheJdksMacComputesThem() throws Exception
    {
        final Random random = new Random(3);
        final MptcpKeys keys = new MptcpKeys();
        for (int round = 0; round < 200; round++)
        {
            final int version = round % 2;
            final long senderKey = random.nextLong();
            final long receiverKey = random.nextLong();
            final int senderRandom = random.nextInt();
            final int receiverRandom = random.nextInt();
            final Mac mac = Mac.getInstance(version == 0 ? "HmacSHA1" : "HmacSHA256");
            mac.init(new SecretKeySpec(ByteBuffer.allocate(16).putLong(senderKey).putLong(receiverKey).array(),
                mac.getAlgorithm()));
            final byte[] expected = mac.doFinal(ByteBuffer.allocate(8).putInt(senderRandom).putInt(receiverRandom).array());
            final int length = round % 4 < 2 ? 20 : 8;
            assertTrue(keys.joinHmacMatches(version, senderKey, receiverKey, senderRandom, receiverRandom, expected,
                length), "round " + round);
            final byte[] wrong = Arrays.copyOf(expected, expected.length);
            wrong[random.nextInt(length)] ^= 1;
            assertFalse(keys.joinHmacMatches(version, senderKey, receiverKey, senderRandom, receiverRandom, wrong,
                length), "round " + round);
        }
    }
}
