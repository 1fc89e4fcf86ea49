package org.mptcpstat.parser.mptcp;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over an ADD_ADDR option (subtype 0x3), whose format differs between the versions.
 *
 * <pre>
 * v0, RFC 6824 section 3.4.1:
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind=30   |     Length    |Subtype| IPVer |  Address ID   |
 * +---------------+---------------+-------+-------+---------------+
 * |          Address (IPv4 - 4 octets / IPv6 - 16 octets)         |
 * +-------------------------------+-------------------------------+
 * |   Port (2 octets, optional)   |
 * +-------------------------------+
 *
 * v1, RFC 8684 section 3.4.1:
 * +---------------+---------------+-------+-------+---------------+
 * |     Kind=30   |     Length    |Subtype|(rsv)|E|  Address ID   |
 * +---------------+---------------+-------+-------+---------------+
 * |           Address (IPv4: 4 octets / IPv6: 16 octets)          |
 * +-------------------------------+-------------------------------+
 * |   Port (2 octets, optional)   |                               |
 * +-------------------------------+                               |
 * |                Truncated HMAC (8 octets, if E=0)              |
 * |                               +-------------------------------+
 * |                               |
 * +-------------------------------+
 * </pre>
 *
 * <table>
 *   <caption>ADD_ADDR lengths</caption>
 *   <tr><th>version</th><th>IPv4</th><th>IPv6</th></tr>
 *   <tr><td>v0 (IPVer 4 / 6)</td><td>8, 10 (port)</td><td>20, 22 (port)</td></tr>
 *   <tr><td>v1, E=1 (echo, no HMAC)</td><td>8, 10 (port)</td><td>20, 22 (port)</td></tr>
 *   <tr><td>v1, E=0 (HMAC)</td><td>16, 18 (port)</td><td>28, 30 (port)</td></tr>
 * </table>
 * In v0 the address family is the IPVer nibble; in v1 it is implied by the length alone.
 *
 * <h2>Which version?</h2>
 * The option does not say. The caller normally knows it from the connection's MP_CAPABLE and passes
 * it to {@link #wrap(DirectBuffer, int, int, int)}. When it does not ({@link #VERSION_UNKNOWN}), the
 * option is read as v0 iff the low nibble is 4 with length 8 or 10, or 6 with length 20 or 22; else
 * as v1. This is a guess, but a safe one for well-formed options: in v1 those nibbles mean E=0, and
 * an E=0 option always carries an HMAC, so none of those four lengths is valid v1 with that nibble;
 * conversely every other length is invalid v0. The guess can only mislead on bytes that are malformed
 * in their true version, which may then pass as valid options of the other version: a v1 ADD_ADDR
 * that sets reserved bits and omits its HMAC (read as v0), or a v0 ADD_ADDR with a length v0 does not
 * allow (read as v1, e.g. IPVer 4 with length 16 passes as an IPv4 address plus HMAC). Pass the
 * version whenever it is known.
 * <p>
 * See the package documentation for the validity rule shared by all accessors.
 */
public final class AddAddrOption
{
    public static final int VERSION_0 = 0;
    public static final int VERSION_1 = 1;
    /** The connection's version is not known; it is inferred from the option (see class comment). */
    public static final int VERSION_UNKNOWN = -1;

    /** v1 E flag: this ADD_ADDR echoes one received from the peer, and carries no HMAC. */
    public static final int FLAG_ECHO = 0x01;

    public static final int IPV4_ADDRESS_LENGTH = 4;
    public static final int IPV6_ADDRESS_LENGTH = 16;

    private static final int SUBTYPE_NIBBLE_OFFSET = 2;
    private static final int ADDRESS_ID_OFFSET = 3;
    private static final int ADDRESS_OFFSET = 4;
    private static final int PORT_LENGTH = 2;
    private static final int TRUNCATED_HMAC_LENGTH = 8;
    private static final int HEADER_LENGTH = ADDRESS_OFFSET;
    private static final int V0_IPV4 = 4;
    private static final int V0_IPV6 = 6;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean valid;
    private boolean versionInferred;
    private int version;
    private int ipVersion;
    private boolean echo;
    private boolean port;
    private boolean hmac;

    /**
     * Wrap with the version unknown, i.e. inferred from the option itself.
     *
     * @return this, for chaining.
     * @see #wrap(DirectBuffer, int, int, int)
     */
    public AddAddrOption wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        return wrap(buffer, offset, length, VERSION_UNKNOWN);
    }

    /**
     * Point this flyweight at an option; see the package documentation for what the caller guarantees.
     *
     * @param mptcpVersion {@link #VERSION_0}, {@link #VERSION_1}, or {@link #VERSION_UNKNOWN}; any
     *                     other value is treated as unknown, since no later version is defined.
     * @return this, for chaining.
     */
    public AddAddrOption wrap(final DirectBuffer buffer, final int offset, final int length, final int mptcpVersion)
    {
        // The same buffer nearly every time: not storing it again spares G1's write barrier.
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.valid = false;
        this.versionInferred = mptcpVersion != VERSION_0 && mptcpVersion != VERSION_1;
        this.version = versionInferred ? VERSION_1 : mptcpVersion;
        this.ipVersion = 0;
        this.echo = false;
        this.port = false;
        this.hmac = false;

        // Every valid length is at least 8, so the subtype byte is only read when it is inside the option.
        if (length < HEADER_LENGTH + IPV4_ADDRESS_LENGTH)
        {
            return this;
        }
        final int subtypeNibble = buffer.getByte(offset + SUBTYPE_NIBBLE_OFFSET) & 0xFF;
        if (subtypeNibble >>> 4 != MptcpSubtype.ADD_ADDR)
        {
            return this;
        }

        final int low = subtypeNibble & 0x0F;
        if (versionInferred && isV0Layout(low, length))
        {
            version = VERSION_0;
        }
        valid = version == VERSION_0 ? decodeV0(low) : decodeV1(low);
        return this;
    }

    private static boolean isV0Layout(final int ipVer, final int length)
    {
        return ipVer == V0_IPV4 ?
            length == HEADER_LENGTH + IPV4_ADDRESS_LENGTH || length == HEADER_LENGTH + IPV4_ADDRESS_LENGTH + PORT_LENGTH :
            ipVer == V0_IPV6 &&
            (length == HEADER_LENGTH + IPV6_ADDRESS_LENGTH || length == HEADER_LENGTH + IPV6_ADDRESS_LENGTH + PORT_LENGTH);
    }

    private boolean decodeV0(final int ipVer)
    {
        if (!isV0Layout(ipVer, length))
        {
            return false;
        }
        ipVersion = ipVer;
        final int addressLength = ipVer == V0_IPV4 ? IPV4_ADDRESS_LENGTH : IPV6_ADDRESS_LENGTH;
        port = length == HEADER_LENGTH + addressLength + PORT_LENGTH;
        return true;
    }

    private boolean decodeV1(final int low)
    {
        // Only E is defined; the other three bits are reserved and ignored, as RFC 8684 asks of receivers.
        final boolean isEcho = (low & FLAG_ECHO) != 0;
        final int body = length - HEADER_LENGTH - (isEcho ? 0 : TRUNCATED_HMAC_LENGTH);
        switch (body)
        {
            case IPV4_ADDRESS_LENGTH:
            case IPV4_ADDRESS_LENGTH + PORT_LENGTH:
                ipVersion = 4;
                port = body != IPV4_ADDRESS_LENGTH;
                break;
            case IPV6_ADDRESS_LENGTH:
            case IPV6_ADDRESS_LENGTH + PORT_LENGTH:
                ipVersion = 6;
                port = body != IPV6_ADDRESS_LENGTH;
                break;
            default:
                port = false;
                return false;
        }
        echo = isEcho;
        hmac = !isEcho;
        return true;
    }

    /** @return index of the kind byte in the wrapped buffer. */
    public int offset()
    {
        return offset;
    }

    /** @return the option's length byte, as given to {@link #wrap(DirectBuffer, int, int, int)}. */
    public int length()
    {
        return length;
    }

    /** @return whether this is an ADD_ADDR with a length its (given or inferred) version allows. */
    public boolean isValid()
    {
        return valid;
    }

    /** @return the version the option was read as: 0 or 1. Requires {@link #isValid()}. */
    public int mptcpVersion()
    {
        assert valid;
        return version;
    }

    /** @return whether {@link #mptcpVersion()} was inferred rather than given. Requires {@link #isValid()}. */
    public boolean isVersionInferred()
    {
        assert valid;
        return versionInferred;
    }

    /** @return 4 or 6. Requires {@link #isValid()}. */
    public int ipVersion()
    {
        assert valid;
        return ipVersion;
    }

    /** @return the v1 E flag; always false for v0, which has no echo. Requires {@link #isValid()}. */
    public boolean isEcho()
    {
        assert valid;
        return echo;
    }

    /** @return the unsigned 8-bit address ID. Requires {@link #isValid()}. */
    public int addressId()
    {
        assert valid;
        return buffer.getByte(offset + ADDRESS_ID_OFFSET) & 0xFF;
    }

    /**
     * @return the IPv4 address as a big-endian int (first octet in the top byte). Requires
     * {@link #isValid()} and {@code ipVersion() == 4}.
     */
    public int ipv4Address()
    {
        assert valid && ipVersion == 4;
        return buffer.getInt(offset + ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** @return octets 0..7 of the IPv6 address, big-endian. Requires {@link #isValid()} and IPv6. */
    public long ipv6AddressHigh()
    {
        assert valid && ipVersion == 6;
        return buffer.getLong(offset + ADDRESS_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** @return octets 8..15 of the IPv6 address, big-endian. Requires {@link #isValid()} and IPv6. */
    public long ipv6AddressLow()
    {
        assert valid && ipVersion == 6;
        return buffer.getLong(offset + ADDRESS_OFFSET + 8, ByteOrder.BIG_ENDIAN);
    }

    /** @return the address length in octets, 4 or 16. Requires {@link #isValid()}. */
    public int addressLength()
    {
        assert valid;
        return ipVersion == 4 ? IPV4_ADDRESS_LENGTH : IPV6_ADDRESS_LENGTH;
    }

    /**
     * Copy the address octets in network order, whatever the family.
     *
     * @param dst caller-owned destination with room for {@link #addressLength()} bytes at dstOffset.
     * @return the number of bytes copied, 4 or 16. Requires {@link #isValid()}.
     */
    public int getAddress(final byte[] dst, final int dstOffset)
    {
        final int addressLength = addressLength();
        buffer.getBytes(offset + ADDRESS_OFFSET, dst, dstOffset, addressLength);
        return addressLength;
    }

    /**
     * Copy the address octets in network order, whatever the family.
     *
     * @param dst caller-owned destination with room for {@link #addressLength()} bytes at dstIndex.
     * @return the number of bytes copied, 4 or 16. Requires {@link #isValid()}.
     */
    public int getAddress(final MutableDirectBuffer dst, final int dstIndex)
    {
        final int addressLength = addressLength();
        buffer.getBytes(offset + ADDRESS_OFFSET, dst, dstIndex, addressLength);
        return addressLength;
    }

    /** @return whether a port follows the address. Requires {@link #isValid()}. */
    public boolean hasPort()
    {
        assert valid;
        return port;
    }

    /**
     * @return the unsigned 16-bit port. Requires {@link #isValid()} and {@link #hasPort()}; without a
     * port the address is reachable on the port of the subflow the option came on.
     */
    public int port()
    {
        assert valid && port;
        return buffer.getShort(offset + ADDRESS_OFFSET + addressLength(), ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** @return whether the v1 truncated HMAC is present (v1 with E=0). Requires {@link #isValid()}. */
    public boolean hasHmac()
    {
        assert valid;
        return hmac;
    }

    /**
     * The HMAC is the last 8 octets of the option, so its position does not depend on the port.
     *
     * @return the 64-bit truncated HMAC as a raw bit pattern. Requires {@link #isValid()} and
     * {@link #hasHmac()}.
     */
    public long truncatedHmac()
    {
        assert valid && hmac;
        return buffer.getLong(offset + length - TRUNCATED_HMAC_LENGTH, ByteOrder.BIG_ENDIAN);
    }
}
