package org.mptcpstat.parser.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpCapableOptionTest
{
    private static final int[] SENDER_KEY = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    private static final int[] RECEIVER_KEY = {0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10};

    private final MpCapableOption option = new MpCapableOption();

    @Test
    void shouldReadSenderKeyOfV0SynAckFromRealCapture()
    {
        // public-v0/client_2.pcap frame 5 (SYN/ACK). tshark 4.0: version 0, flags 0x01 (Use HMAC-SHA1),
        // Sender's Key: 12070231261294881532.
        final OptionBytes o = OptionBytes.option(
            0x1e,                                           // kind 30
            0x0c,                                           // length 12
            0x00,                                           // subtype 0 (MP_CAPABLE) | version 0
            0x01,                                           // flags: H
            0xa7, 0x82, 0x13, 0x61, 0x9e, 0x4b, 0xea, 0xfc); // sender's key

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0, option.version());
        assertEquals(0x01, option.flags());
        assertTrue(option.isHmacSha());
        assertFalse(option.isChecksumRequired());
        assertFalse(option.isExtensibility());
        assertTrue(option.hasSenderKey());
        assertEquals(Long.parseUnsignedLong("12070231261294881532"), option.senderKey());
        assertFalse(option.hasReceiverKey());
        assertFalse(option.hasDataLevelLength());
        assertFalse(option.hasChecksum());
    }

    @Test
    void shouldReadBothKeysOfV0ThirdAckFromRealCapture()
    {
        // public-v0/client_2.pcap frame 6 (third ACK). tshark 4.0: version 0, flags 0x01,
        // Sender's Key: 14568871653868829995, Receiver's Key: 12070231261294881532.
        final OptionBytes o = OptionBytes.option(
            0x1e,                                           // kind 30
            0x14,                                           // length 20
            0x00,                                           // subtype 0 | version 0
            0x01,                                           // flags: H
            0xca, 0x2f, 0x07, 0x94, 0x7b, 0x1b, 0xfd, 0x2b, // sender's key
            0xa7, 0x82, 0x13, 0x61, 0x9e, 0x4b, 0xea, 0xfc); // receiver's key

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(Long.parseUnsignedLong("14568871653868829995"), option.senderKey());
        assertTrue(option.hasReceiverKey());
        assertEquals(Long.parseUnsignedLong("12070231261294881532"), option.receiverKey());
        assertFalse(option.hasDataLevelLength());
    }

    @Test
    void shouldReadChecksumRequiredFlagFromRealCapture()
    {
        // public-v0/iperf-mptcp-0-0.pcap frame 7 (third ACK). tshark 4.0: flags 0x81
        // (Checksum required: 1, Use HMAC-SHA1: 1), Sender's Key 0xd8e9bdfad036fbf0,
        // Receiver's Key 0xd72afc372a0ad242.
        final OptionBytes o = OptionBytes.option(
            0x1e,                                           // kind 30
            0x14,                                           // length 20
            0x00,                                           // subtype 0 | version 0
            0x81,                                           // flags: A, H
            0xd8, 0xe9, 0xbd, 0xfa, 0xd0, 0x36, 0xfb, 0xf0, // sender's key
            0xd7, 0x2a, 0xfc, 0x37, 0x2a, 0x0a, 0xd2, 0x42); // receiver's key

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isChecksumRequired());
        assertTrue(option.isHmacSha());
        assertEquals(0xd8e9bdfad036fbf0L, option.senderKey());
        assertEquals(0xd72afc372a0ad242L, option.receiverKey());
    }

    @Test
    void shouldAcceptV1SynWithoutKey()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x01,                   // subtype 0 | version 1
            0x81);                  // flags: A (checksum required), H (HMAC-SHA256)

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(1, option.version());
        assertTrue(option.isChecksumRequired());
        assertTrue(option.isHmacSha());
        assertFalse(option.hasSenderKey());
        assertFalse(option.hasReceiverKey());
        assertFalse(option.hasDataLevelLength());
        assertFalse(option.hasChecksum());
    }

    @Test
    void shouldReadFlagCOfV1SynAsNoNewSubflowsToSourceAddress()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x01,                   // subtype 0 | version 1
            0x21);                  // flags: C, H

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertTrue(option.isNoNewSubflowsToSource());
        assertFalse(option.isChecksumRequired());
        assertFalse(option.isExtensibility());
    }

    @Test
    void shouldReadExtensibilityFlagB()
    {
        final OptionBytes o = OptionBytes.option(0x1e, 0x04, 0x01, 0x41);   // flags: B, H

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isExtensibility());
        assertFalse(option.isNoNewSubflowsToSource());
    }

    @Test
    void shouldReadSenderKeyOfV1SynAck()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x0c,                   // length 12
            0x01,                   // subtype 0 | version 1
            0x01,                   // flags: H
            SENDER_KEY[0], SENDER_KEY[1], SENDER_KEY[2], SENDER_KEY[3],
            SENDER_KEY[4], SENDER_KEY[5], SENDER_KEY[6], SENDER_KEY[7]);    // sender's key

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0x0123456789abcdefL, option.senderKey());
        assertFalse(option.hasReceiverKey());
    }

    @Test
    void shouldReadBothKeysOfV1ThirdAckWithoutData()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x14,                   // length 20
            0x01,                   // subtype 0 | version 1
            0x01,                   // flags: H
            SENDER_KEY[0], SENDER_KEY[1], SENDER_KEY[2], SENDER_KEY[3],
            SENDER_KEY[4], SENDER_KEY[5], SENDER_KEY[6], SENDER_KEY[7],         // sender's key
            RECEIVER_KEY[0], RECEIVER_KEY[1], RECEIVER_KEY[2], RECEIVER_KEY[3],
            RECEIVER_KEY[4], RECEIVER_KEY[5], RECEIVER_KEY[6], RECEIVER_KEY[7]); // receiver's key

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0x0123456789abcdefL, option.senderKey());
        assertEquals(0xfedcba9876543210L, option.receiverKey());
        assertFalse(option.hasDataLevelLength());
        assertFalse(option.hasChecksum());
    }

    @Test
    void shouldReadDataLevelLengthOfV1AckWithData()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x16,                   // length 22
            0x01,                   // subtype 0 | version 1
            0x01,                   // flags: H
            SENDER_KEY[0], SENDER_KEY[1], SENDER_KEY[2], SENDER_KEY[3],
            SENDER_KEY[4], SENDER_KEY[5], SENDER_KEY[6], SENDER_KEY[7],         // sender's key
            RECEIVER_KEY[0], RECEIVER_KEY[1], RECEIVER_KEY[2], RECEIVER_KEY[3],
            RECEIVER_KEY[4], RECEIVER_KEY[5], RECEIVER_KEY[6], RECEIVER_KEY[7], // receiver's key
            0x05, 0xa8);            // data-level length 1448

        option.wrap(o.buffer, o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0xfedcba9876543210L, option.receiverKey());
        assertTrue(option.hasDataLevelLength());
        assertEquals(1448, option.dataLevelLength());
        assertFalse(option.hasChecksum());
    }

    @Test
    void shouldReadChecksumOfV1AckWithDataAndChecksumWithoutReadingPastIt()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x18,                   // length 24
            0x01,                   // subtype 0 | version 1
            0x81,                   // flags: A, H
            SENDER_KEY[0], SENDER_KEY[1], SENDER_KEY[2], SENDER_KEY[3],
            SENDER_KEY[4], SENDER_KEY[5], SENDER_KEY[6], SENDER_KEY[7],         // sender's key
            RECEIVER_KEY[0], RECEIVER_KEY[1], RECEIVER_KEY[2], RECEIVER_KEY[3],
            RECEIVER_KEY[4], RECEIVER_KEY[5], RECEIVER_KEY[6], RECEIVER_KEY[7], // receiver's key
            0xff, 0xff,             // data-level length 65535
            0xbe, 0xef);            // checksum

        option.wrap(o.tightBuffer(), o.offset, o.length);

        assertTrue(option.isValid());
        assertEquals(0x0123456789abcdefL, option.senderKey());
        assertEquals(0xfedcba9876543210L, option.receiverKey());
        assertEquals(65535, option.dataLevelLength());
        assertTrue(option.hasChecksum());
        assertEquals(0xbeef, option.checksum());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 22, 24})
    void shouldRejectV1OnlyLengthsInV0(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x00, 0x01));

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
        assertEquals(0, option.version());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 11, 13, 16, 19, 21, 23, 25, 28, 40})
    void shouldRejectLengthsNoVersionAllows(final int length)
    {
        final OptionBytes o = OptionBytes.option(OptionBytes.filled(length, 0x1e, length, 0x01, 0x01));

        assertFalse(option.wrap(o.tightBuffer(), o.offset, o.length).isValid());
    }

    @Test
    void shouldRejectUnknownVersionButStillReportIt()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e,                   // kind 30
            0x04,                   // length 4
            0x02,                   // subtype 0 | version 2 (not defined)
            0x01);                  // flags: H

        option.wrap(o.buffer, o.offset, o.length);

        assertFalse(option.isValid());
        assertEquals(2, option.version());
    }

    @Test
    void shouldRejectOptionOfAnotherSubtype()
    {
        final OptionBytes o = OptionBytes.option(
            0x1e, 0x0c,             // kind 30, length 12
            0x10, 0x00,             // subtype 1 (MP_JOIN)
            0, 0, 0, 0, 0, 0, 0, 0);

        assertFalse(option.wrap(o.buffer, o.offset, o.length).isValid());
    }

    @Test
    void shouldForgetEarlierOptionWhenRewrapped()
    {
        final OptionBytes valid = OptionBytes.option(0x1e, 0x04, 0x01, 0x01);
        final OptionBytes invalid = OptionBytes.option(0x1e, 0x05, 0x01, 0x01, 0x00);

        assertSame(option, option.wrap(valid.buffer, valid.offset, valid.length));
        assertTrue(option.isValid());
        option.wrap(invalid.buffer, invalid.offset, invalid.length);
        assertFalse(option.isValid());
        assertEquals(invalid.offset, option.offset());
        assertEquals(5, option.length());
    }

    @Test
    void shouldAssertWhenKeyIsReadFromOptionWithoutIt()
    {
        assumeTrue(OptionBytes.assertionsEnabledFor(MpCapableOption.class));
        final OptionBytes o = OptionBytes.option(0x1e, 0x04, 0x01, 0x01);

        option.wrap(o.buffer, o.offset, o.length);

        assertThrows(AssertionError.class, option::senderKey);
    }
}
