package org.mptcpstat.flowtable.socks;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the requested destination from one contiguous run of bytes holding either a plain
 * SOCKS5 request or a shadowsocks request header encrypted with the table cipher. The results
 * stay in this object's fields until the next decode; nothing is allocated while decoding.
 * <p>
 * SOCKS5 request (RFC 1928 section 4), sent in clear after the greeting:
 * <pre>
 *     0        1        2        3        4
 * +--------+--------+--------+--------+---------- ... ----------+--------+--------+
 * |  VER   |  CMD   |  RSV   |  ATYP  |        DST.ADDR         |    DST.PORT     |
 * |  0x05  |  0x01  |  0x00  |        |      (by ATYP, below)   |   big-endian    |
 * +--------+--------+--------+--------+---------- ... ----------+--------+--------+
 * </pre>
 * shadowsocks request header: the same from ATYP on, at the very start of the client's stream,
 * every byte substituted through the {@link ShadowsocksTable}; application data follows at once:
 * <pre>
 *     0        1
 * +--------+---------- ... ----------+--------+--------+------ ...
 * |  ATYP  |        DST.ADDR         |    DST.PORT     |  application bytes
 * +--------+---------- ... ----------+--------+--------+------ ...
 * </pre>
 * DST.ADDR by ATYP, all in network byte order:
 * <pre>
 * ATYP 0x01 IPv4    +----+----+----+----+                       4 bytes
 * ATYP 0x03 domain  +-----+-------- ... --------+              1 length byte (1..255), then the name
 *                   | LEN |  name, no terminator  |
 * ATYP 0x04 IPv6    +----+----+ ... +----+----+                 16 bytes
 * </pre>
 * Besides the structure, the decoder refuses what no real client sends for a connection: port 0,
 * the unspecified address (0.0.0.0, ::), an empty domain, or a domain with bytes other than
 * letters, digits, '-', '.' and '_'. The table cipher has no integrity check, so these checks are
 * what keeps unrelated traffic, decrypted with the table, from passing for a request.
 */
public final class SocksRequestDecoder
{
    /** {@link #addressType()} before a successful decode. */
    public static final int ADDRESS_TYPE_NONE = 0;
    public static final int ADDRESS_TYPE_IPV4 = 0x01;
    public static final int ADDRESS_TYPE_DOMAIN = 0x03;
    public static final int ADDRESS_TYPE_IPV6 = 0x04;

    public static final int SOCKS5_VERSION = 0x05;
    public static final int COMMAND_CONNECT = 0x01;
    public static final int COMMAND_BIND = 0x02;
    public static final int COMMAND_UDP_ASSOCIATE = 0x03;

    /** {@link #outcome()}: a destination was decoded. */
    public static final int DECODED = 0;
    /** {@link #outcome()}: the bytes so far fit a request, but it ends after the given length. */
    public static final int TRUNCATED = 1;
    /** {@link #outcome()}: the bytes are not a request. */
    public static final int MALFORMED = 2;
    /** {@link #outcome()}: a well-formed SOCKS5 BIND or UDP ASSOCIATE, which names no destination. */
    public static final int UNSUPPORTED_COMMAND = 3;

    public static final int MAX_DOMAIN_LENGTH = 255;
    /** VER CMD RSV ATYP LEN name(255) PORT. */
    public static final int MAX_SOCKS5_REQUEST_LENGTH = 4 + 1 + MAX_DOMAIN_LENGTH + 2;
    /** ATYP LEN name(255) PORT. */
    public static final int MAX_SHADOWSOCKS_HEADER_LENGTH = 1 + 1 + MAX_DOMAIN_LENGTH + 2;

    private static final int VERSION_OFFSET = 0;
    private static final int COMMAND_OFFSET = 1;
    private static final int RESERVED_OFFSET = 2;
    private static final int SOCKS5_ADDRESS_TYPE_OFFSET = 3;
    /** Relative to ATYP, in both forms. */
    private static final int ADDRESS_OFFSET = 1;
    private static final int IPV4_LENGTH = 4;
    private static final int IPV6_LENGTH = 16;
    private static final int DOMAIN_LENGTH_LENGTH = 1;
    private static final int PORT_LENGTH = 2;
    private static final int BYTE_MASK = 0xFF;

    /** Plain SOCKS5 is decoded through this identity table, so both forms share one code path. */
    private static final byte[] IDENTITY = new byte[ShadowsocksTable.SIZE];

    static
    {
        for (int i = 0; i < IDENTITY.length; i++)
        {
            IDENTITY[i] = (byte)i;
        }
    }

    private final byte[] domain = new byte[MAX_DOMAIN_LENGTH];
    private int outcome = MALFORMED;
    private boolean shadowsocks;
    private int addressType = ADDRESS_TYPE_NONE;
    private int ipv4;
    private long ipv6High;
    private long ipv6Low;
    private int domainOffset;
    private int domainLength;
    private int port;
    private int requestLength;

    /**
     * Decodes a plain SOCKS5 request starting at {@code offset}; reads no byte at or past
     * {@code offset + length}.
     *
     * @return true when a CONNECT destination was decoded; otherwise {@link #outcome()} says why not.
     */
    public boolean decodeSocks5(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(false);
        final int end = offset + length;
        if (!available(offset + VERSION_OFFSET, 1, end))
        {
            return false;
        }
        if ((buffer.getByte(offset + VERSION_OFFSET) & BYTE_MASK) != SOCKS5_VERSION)
        {
            return fail(MALFORMED);
        }
        if (!available(offset + COMMAND_OFFSET, 1, end))
        {
            return false;
        }
        final int command = buffer.getByte(offset + COMMAND_OFFSET) & BYTE_MASK;
        if (command != COMMAND_CONNECT && command != COMMAND_BIND && command != COMMAND_UDP_ASSOCIATE)
        {
            return fail(MALFORMED);
        }
        if (!available(offset + RESERVED_OFFSET, 1, end))
        {
            return false;
        }
        if (buffer.getByte(offset + RESERVED_OFFSET) != 0)
        {
            return fail(MALFORMED);
        }
        if (!decodeAddress(buffer, offset + SOCKS5_ADDRESS_TYPE_OFFSET, end, IDENTITY))
        {
            return false;
        }
        if (command != COMMAND_CONNECT)
        {
            // Checked last so that BIND and UDP ASSOCIATE count only when the whole request is sound.
            clearAddress();
            return fail(UNSUPPORTED_COMMAND);
        }
        requestLength += SOCKS5_ADDRESS_TYPE_OFFSET;
        return true;
    }

    /**
     * Decodes a shadowsocks request header, encrypted with {@code table}, starting at {@code offset};
     * reads no byte at or past {@code offset + length}. The buffer is not modified: bytes are
     * decrypted as they are read, and a domain name is decrypted into this decoder's own copy.
     *
     * @return true when a destination was decoded; otherwise {@link #outcome()} says why not.
     */
    public boolean decodeShadowsocks(
        final DirectBuffer buffer, final int offset, final int length, final ShadowsocksTable table)
    {
        reset(true);
        return decodeAddress(buffer, offset, offset + length, table.decryptTable());
    }

    /** @return {@link #DECODED}, {@link #TRUNCATED}, {@link #MALFORMED} or {@link #UNSUPPORTED_COMMAND}. */
    public int outcome()
    {
        return outcome;
    }

    /** @return whether the last decode was of the shadowsocks form. */
    public boolean shadowsocks()
    {
        return shadowsocks;
    }

    /** @return {@link #ADDRESS_TYPE_IPV4}, {@link #ADDRESS_TYPE_DOMAIN}, {@link #ADDRESS_TYPE_IPV6} or none. */
    public int addressType()
    {
        return addressType;
    }

    /** @return the IPv4 address as a network-order int (192.0.2.1 is 0xC0000201); mask with 0xFFFF_FFFFL. */
    public int ipv4()
    {
        return ipv4;
    }

    /** @return the first 8 bytes of the IPv6 address, network order. */
    public long ipv6High()
    {
        return ipv6High;
    }

    /** @return the last 8 bytes of the IPv6 address, network order. */
    public long ipv6Low()
    {
        return ipv6Low;
    }

    /**
     * @return index in the decoded buffer of the domain name's first byte. For the shadowsocks form
     * the bytes there are still encrypted: read the name through {@link #domainByte(int)} or
     * {@link #getDomain(byte[], int)} instead.
     */
    public int domainOffset()
    {
        return domainOffset;
    }

    /** @return length of the domain name, 0 unless the address type is a domain. */
    public int domainLength()
    {
        return domainLength;
    }

    /** @return byte {@code index} of the (decrypted) domain name. */
    public byte domainByte(final int index)
    {
        return domain[index];
    }

    /**
     * Copies the (decrypted) domain name into a caller-owned array, which needs room for
     * {@link #domainLength()} bytes ({@link #MAX_DOMAIN_LENGTH} at most).
     *
     * @return the number of bytes copied.
     */
    public int getDomain(final byte[] destination, final int destinationOffset)
    {
        System.arraycopy(domain, 0, destination, destinationOffset, domainLength);
        return domainLength;
    }

    /** @return the domain name as a String; allocates, so meant for output and tests, not per packet. */
    public String domainAsString()
    {
        return new String(domain, 0, domainLength, StandardCharsets.US_ASCII);
    }

    public int port()
    {
        return port;
    }

    /** @return bytes from the decode offset to the end of DST.PORT, where application data starts. */
    public int requestLength()
    {
        return requestLength;
    }

    /** Decodes ATYP DST.ADDR DST.PORT at {@code index}, every byte read through {@code inverse}. */
    private boolean decodeAddress(final DirectBuffer buffer, final int index, final int end, final byte[] inverse)
    {
        if (!available(index, 1, end))
        {
            return false;
        }
        final int type = read(buffer, index, inverse);
        final int address = index + ADDRESS_OFFSET;
        final int portIndex;
        switch (type)
        {
            case ADDRESS_TYPE_IPV4:
                if (!available(address, IPV4_LENGTH + PORT_LENGTH, end))
                {
                    return false;
                }
                ipv4 = (int)readBigEndian(buffer, address, IPV4_LENGTH, inverse);
                if (ipv4 == 0)
                {
                    return fail(MALFORMED);
                }
                portIndex = address + IPV4_LENGTH;
                break;

            case ADDRESS_TYPE_IPV6:
                if (!available(address, IPV6_LENGTH + PORT_LENGTH, end))
                {
                    return false;
                }
                ipv6High = readBigEndian(buffer, address, Long.BYTES, inverse);
                ipv6Low = readBigEndian(buffer, address + Long.BYTES, Long.BYTES, inverse);
                if (ipv6High == 0 && ipv6Low == 0)
                {
                    return fail(MALFORMED);
                }
                portIndex = address + IPV6_LENGTH;
                break;

            case ADDRESS_TYPE_DOMAIN:
                if (!available(address, DOMAIN_LENGTH_LENGTH, end))
                {
                    return false;
                }
                final int nameLength = read(buffer, address, inverse);
                final int name = address + DOMAIN_LENGTH_LENGTH;
                if (nameLength == 0)
                {
                    return fail(MALFORMED);
                }
                // Check the name bytes that are there before asking for more, so that garbage is
                // called malformed rather than truncated as early as possible.
                final int present = Math.min(nameLength, Math.max(0, end - name));
                for (int i = 0; i < present; i++)
                {
                    final int b = read(buffer, name + i, inverse);
                    if (!isHostnameByte(b))
                    {
                        return fail(MALFORMED);
                    }
                    domain[i] = (byte)b;
                }
                if (!available(name, nameLength + PORT_LENGTH, end))
                {
                    return false;
                }
                domainOffset = name;
                domainLength = nameLength;
                portIndex = name + nameLength;
                break;

            default:
                // 0x10, the one-time-auth flag of shadowsocks 2.8, is refused too: accepting any
                // upper nibble would let 16 times more garbage through.
                return fail(MALFORMED);
        }
        port = (int)readBigEndian(buffer, portIndex, PORT_LENGTH, inverse);
        if (port == 0)
        {
            clearAddress();
            return fail(MALFORMED);
        }
        addressType = type;
        requestLength = portIndex + PORT_LENGTH - index;
        outcome = DECODED;
        return true;
    }

    private boolean available(final int index, final int count, final int end)
    {
        if (index + count > end)
        {
            outcome = TRUNCATED;
            return false;
        }
        return true;
    }

    private boolean fail(final int why)
    {
        outcome = why;
        return false;
    }

    private void reset(final boolean shadowsocks)
    {
        this.shadowsocks = shadowsocks;
        outcome = MALFORMED;
        requestLength = 0;
        port = 0;
        clearAddress();
    }

    private void clearAddress()
    {
        addressType = ADDRESS_TYPE_NONE;
        ipv4 = 0;
        ipv6High = 0;
        ipv6Low = 0;
        domainOffset = 0;
        domainLength = 0;
    }

    private static int read(final DirectBuffer buffer, final int index, final byte[] inverse)
    {
        return inverse[buffer.getByte(index) & BYTE_MASK] & BYTE_MASK;
    }

    private static long readBigEndian(final DirectBuffer buffer, final int index, final int count, final byte[] inverse)
    {
        long value = 0;
        for (int i = 0; i < count; i++)
        {
            value = value << 8 | read(buffer, index + i, inverse);
        }
        return value;
    }

    /** Letters, digits, '-', '.', '_': DNS names as clients send them (IDNs arrive punycoded). */
    private static boolean isHostnameByte(final int b)
    {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
            b == '-' || b == '.' || b == '_';
    }
}
