package org.mptcpstat.parser.mptcp;

import org.agrona.concurrent.UnsafeBuffer;
import org.mptcpstat.parser.testing.MptcpOptionFields;
import org.mptcpstat.parser.testing.TimedFuzzTest;

/**
 * Every MPTCP flyweight on any option bytes: wrapping never throws, and every field the contract
 * allows reads inside the option, whose buffer ends where the option ends.
 */
class MptcpOptionDecoderFuzzTest
{
    private static final int KIND_MPTCP = 30;
    private static final int MAX_OPTION_LENGTH = 255;
    private static final int[] MPTCP_VERSIONS = { 0, 1, AddAddrOption.VERSION_UNKNOWN };

    private final MptcpOptionDecoder decoder = new MptcpOptionDecoder();
    private final MptcpOptionFields fields = new MptcpOptionFields();

    /**
     * The first byte picks the connection's MPTCP version; the rest follows the kind and length
     * bytes, which are set as the TCP option walk guarantees (kind 30, length = the option's bytes).
     */
    @TimedFuzzTest
    void shouldReadEveryAllowedFieldWithinTheOption(final byte[] input)
    {
        if (input.length == 0)
        {
            return;
        }
        final int version = MPTCP_VERSIONS[(input[0] & 0xFF) % MPTCP_VERSIONS.length];
        final int length = Math.min(input.length + 1, MAX_OPTION_LENGTH);
        final byte[] option = new byte[length];
        option[0] = KIND_MPTCP;
        option[1] = (byte)length;
        System.arraycopy(input, 1, option, 2, length - 2);
        decoder.wrap(new UnsafeBuffer(option), 0, length, version);
        fields.readAll(decoder);
    }
}
