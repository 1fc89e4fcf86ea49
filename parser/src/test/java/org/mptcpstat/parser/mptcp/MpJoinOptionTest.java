package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpJoinOptionTest
{
    private final MpJoinOption option = new MpJoinOption();

    @Test
    void shouldReadTokenAndRandomOfSynFromRealCapture()
    {
        // public-v0/client_2.pcap frame 16 (SYN of a new subflow). tshark 4.0: flags 0x10, Backup flag: 0,
        // Address ID: 3, Receiver's Token: 804647408, Sender's Random Number: 992109784.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0c,                   // length 12
            0x10,                   // subtype 1 (MP_JOIN) | B=0
            0x03,                   // address ID 3
            0x2f, 0xf5, 0xf1, 0xf0, // receiver's token
            0x3b, 0x22, 0x64, 0xd8); // sender's random number

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(MpJoinOption.Form.SYN, option.form());
        assertFalse(option.isBackup());
        assertEquals(3, option.addressId());
        assertEquals(804647408L, option.receiverToken());
        assertEquals(992109784L, option.senderRandom());
    }

    @Test
    void shouldReadTruncatedHmacAndRandomOfSynAckFromRealCapture()
    {
        // public-v0/client_2.pcap frame 24 (SYN/ACK). tshark 4.0: Backup flag: 0, Address ID: 3,
        // Sender's Truncated HMAC: 9512585297590371660, Sender's Random Number: 252493897.
        final OptionBytes o = OptionBytes.option(
            0x1e,                                           // kind 30
            0x10,                                           // length 16
            0x10,                                           // subtype 1 | B=0
            0x03,                                           // address ID 3
            0x84, 0x03, 0x7d, 0xed, 0xa6, 0x7a, 0x45, 0x4c, // sender's truncated HMAC
            0x0f, 0x0c, 0xc0, 0x49);                        // sender's random number

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(MpJoinOption.Form.SYN_ACK, option.form());
        assertFalse(option.isBackup());
        assertEquals(3, option.addressId());
        assertEquals(Long.parseUnsignedLong("9512585297590371660"), option.truncatedHmac());
        assertEquals(252493897L, option.senderRandom());
    }

    @Test
    void shouldCopyFullHmacOfThirdAckFromRealCapture()
    {
        // public-v0/client_2.pcap frame 26 (third ACK). tshark 4.0: Reserved: 0x000,
        // Sender's HMAC: 66e36626703eacb8f72ec5be13f8c4ef4f6d4dd8.
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x18,                   // length 24
            0x10, 0x00,             // subtype 1 | reserved (12 bits)
            0x66, 0xe3, 0x66, 0x26, 0x70, 0x3e, 0xac, 0xb8, 0xf7, 0x2e,
            0xc5, 0xbe, 0x13, 0xf8, 0xc4, 0xef, 0x4f, 0x6d, 0x4d, 0xd8); // sender's HMAC (20)

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(MpJoinOption.Form.ACK, option.form());
        assertEquals(0x66e36626703eacb8L, option.hmacLeading64());

        final byte[] expected = {
            (byte)0x66, (byte)0xe3, (byte)0x66, (byte)0x26, (byte)0x70, (byte)0x3e, (byte)0xac, (byte)0xb8,
            (byte)0xf7, (byte)0x2e, (byte)0xc5, (byte)0xbe, (byte)0x13, (byte)0xf8, (byte)0xc4, (byte)0xef,
            (byte)0x4f, (byte)0x6d, (byte)0x4d, (byte)0xd8};
        final byte[] dst = new byte[MpJoinOption.HMAC_LENGTH + 2];
        assertEquals(MpJoinOption.HMAC_LENGTH, option.getHmac(dst, 1));
        assertEquals(0, dst[0]);
        assertEquals(0, dst[dst.length - 1]);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(dst, 1, 1 + MpJoinOption.HMAC_LENGTH));

        final UnsafeBuffer dstBuffer = new UnsafeBuffer(new byte[MpJoinOption.HMAC_LENGTH + 3]);
        assertEquals(MpJoinOption.HMAC_LENGTH, option.getHmac(dstBuffer, 3));
        final byte[] copied = new byte[MpJoinOption.HMAC_LENGTH];
        dstBuffer.getBytes(3, copied);
        assertArrayEquals(expected, copied);
    }

    @Test
    void shouldReadBackupFlagAndHighAddressIdOfSyn()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0c,                   // length 12
            0x11,                   // subtype 1 | B=1
            0xfe,                   // address ID 254
            0xff, 0xff, 0xff, 0xff, // receiver's token 0xffffffff
            0x80, 0x00, 0x00, 0x01); // sender's random number

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isBackup());
        assertEquals(254, option.addressId());
        assertEquals(0xFFFF_FFFFL, option.receiverToken());
        assertEquals(0x8000_0001L, option.senderRandom());
    }

    @Test
    void shouldReadBackupFlagOfSynAckWithoutReadingPastIt()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                                           // kind 30
            0x10,                                           // length 16
            0x11,                                           // subtype 1 | B=1
            0x00,                                           // address ID 0
            0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, // truncated HMAC
            0x12, 0x34, 0x56, 0x78);                        // sender's random number

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isBackup());
        assertEquals(0, option.addressId());
        assertEquals(0xffeeddccbbaa9988L, option.truncatedHmac());
        assertEquals(0x12345678L, option.senderRandom());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 11, 13, 15, 17, 20, 23, 25, 28})
    void shouldRejectLengthsOtherThanTwelveSixteenAndTwentyFour(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x10, 0x01));

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertFalse(option.isValid());
        assertEquals(MpJoinOption.Form.INVALID, option.form());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e, 0x0c,             // kind 30, length 12
            0x00, 0x01,             // subtype 0 (MP_CAPABLE) | version 0, flags H
            0, 0, 0, 0, 0, 0, 0, 0);

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
        assertEquals(MpJoinOption.Form.INVALID, option.form());
    }

    @Test
    void shouldAssertWhenTokenIsReadFromSynAck()
    {
        assumeTrue(OptionBytes.assertionsEnabledFor(MpJoinOption.class));
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(16, 0x1e, 16, 0x10, 0x01));

        option.wrap(o.buffer, o.offset, o.length);

        assertThrows(AssertionError.class, option::receiverToken);
    }
}
