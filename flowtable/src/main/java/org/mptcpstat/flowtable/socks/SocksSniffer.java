package org.mptcpstat.flowtable.socks;

import org.agrona.DirectBuffer;

/**
 * Finds the destination a client asked its SOCKS proxy for, from the client's payload bytes, one
 * TCP segment at a time. One sniffer serves every connection; each connection's progress is a
 * single {@code long} state word that the caller stores and passes back in, starting from
 * {@link #INITIAL_STATE}. Nothing is allocated per segment.
 * <p>
 * What the client stream may start with:
 * <pre>
 * shadowsocks (only when a table is given), all bytes through the table:
 *   | ATYP | DST.ADDR | DST.PORT | application data ...          (see SocksRequestDecoder)
 *
 * plain SOCKS5 (RFC 1928, RFC 1929), each step usually its own segment:
 *   +-----+----------+------------+
 *   | VER | NMETHODS |  METHODS   |   greeting: VER 0x05, NMETHODS 1..255, no method 0xFF
 *   +-----+----------+------------+
 *   +-----+------+----------+------+----------+   only when the greeting offered method 0x02:
 *   | VER | ULEN |  UNAME   | PLEN |  PASSWD  |   username/password, VER 0x01
 *   +-----+------+----------+------+----------+
 *   +-----+-----+-----+------+----------+----------+
 *   | VER | CMD | RSV | ATYP | DST.ADDR | DST.PORT |   request: 05 01 00 ...
 *   +-----+-----+-----+------+----------+----------+
 * </pre>
 * The server's method choice ({@code 05 00}) and replies are not needed: the client's bytes alone
 * say which step comes next.
 * <p>
 * Rules, and why:
 * <ul>
 * <li>Segments are placed by {@code streamOffset}, the offset of their first payload byte in the
 * client's stream (sequence number minus ISN minus 1). Bytes already consumed (retransmissions)
 * are skipped; a segment that starts after a gap is ignored without a verdict, so that the missing
 * bytes can still arrive (reordering, or a retransmission of a segment lost before the capture
 * point) and be decoded. The caller must not feed a connection whose SYN it did not see: without
 * it, offset 0 is unknown.</li>
 * <li>The greeting and the authentication may be split across segments anywhere: only counts
 * carry over. The request (or the shadowsocks header) must end in the segment it starts in,
 * because its address cannot be carried in the state word; clients write it with one call, and at
 * 262 bytes at most it fits any MSS. When it does not, the verdict is {@link #TRUNCATED}, as it is
 * when the capture's snap length cut a segment before the request ended.</li>
 * <li>With a table, the first segment is tried as a shadowsocks header before anything else: an
 * encrypted header can start with 0x05 (it does for some passwords), while the usual 3-byte
 * greeting of a plain SOCKS5 client is too short to pass for a header (7 bytes at least). If it is
 * not a header and starts with 0x05, it is followed as plain SOCKS5.</li>
 * <li>Once the status is not {@link #PENDING} the state never changes again, so feeding further
 * segments is harmless, but the caller can stop.</li>
 * </ul>
 * Use per connection, client-to-server direction only:
 * <pre>{@code
 * long state = SocksSniffer.INITIAL_STATE;                 // stored per connection
 * // for each client segment with payload, while !SocksSniffer.isDone(state):
 * state = sniffer.onClientPayload(state, (seq - isn - 1) & 0xFFFF_FFFFL,
 *     packet.buffer(), packet.payloadOffset(), packet.capturedPayloadLength(), packet.payloadLength());
 * if (SocksSniffer.status(state) == SocksSniffer.FOUND)
 * {
 *     // copy sniffer.request().addressType(), ipv4(), ipv6High(), ipv6Low(), getDomain(..), port()
 *     // now: the next onClientPayload call, for any connection, overwrites them
 * }
 * }</pre>
 */
public final class SocksSniffer
{
    /** The state of a connection whose client has sent nothing yet. */
    public static final long INITIAL_STATE = 0L;

    /** {@link #status(long)}: no verdict yet; feed the next client segment. */
    public static final int PENDING = 0;
    /** {@link #status(long)}: a destination was found; {@link #request()} held it after that call. */
    public static final int FOUND = 1;
    /** {@link #status(long)}: the client bytes are neither plain SOCKS5 nor a decryptable shadowsocks header. */
    public static final int NOT_SOCKS = 2;
    /** {@link #status(long)}: SOCKS5 BIND or UDP ASSOCIATE, which name no destination for this connection. */
    public static final int UNSUPPORTED = 3;
    /** {@link #status(long)}: the request did not end in its segment, or the snap length cut it. */
    public static final int TRUNCATED = 4;

    /*
     * The state word:
     *
     *  63          40 39      32 31            16 15       10  9  8  7       3 2     0
     * +--------------+----------+----------------+-----------+--+--+---------+-------+
     * |   (zero)     | counter  |    consumed    |  (zero)   |UP|SS|  phase  |status |
     * +--------------+----------+----------------+-----------+--+--+---------+-------+
     *
     * status    PENDING or a verdict
     * phase     while PENDING: which field of the plain SOCKS5 exchange the next byte belongs to
     * SS        the destination came from a shadowsocks header
     * UP        the greeting offered username/password (0x02), so a 0x01 after it starts that step
     * consumed  client stream bytes consumed so far: everything before a request is at most
     *           2 + 255 (greeting) + 3 + 2 * 255 (authentication) bytes
     * counter   bytes still to skip in the current variable-length field
     */
    private static final int STATUS_SHIFT = 0;
    private static final long STATUS_MASK = 0x7L;
    private static final int PHASE_SHIFT = 3;
    private static final long PHASE_MASK = 0x1FL;
    private static final long SHADOWSOCKS_FLAG = 1L << 8;
    private static final long USERNAME_PASSWORD_FLAG = 1L << 9;
    private static final int CONSUMED_SHIFT = 16;
    private static final long CONSUMED_MASK = 0xFFFFL;
    private static final int COUNTER_SHIFT = 32;
    private static final long COUNTER_MASK = 0xFFL;

    private static final int PHASE_START = 0;
    private static final int PHASE_GREETING_METHOD_COUNT = 1;
    private static final int PHASE_GREETING_METHODS = 2;
    /** Greeting done: the request or, if offered, username/password authentication comes next. */
    private static final int PHASE_AFTER_GREETING = 3;
    private static final int PHASE_AUTH_USERNAME_LENGTH = 4;
    private static final int PHASE_AUTH_USERNAME = 5;
    private static final int PHASE_AUTH_PASSWORD_LENGTH = 6;
    private static final int PHASE_AUTH_PASSWORD = 7;
    /** Authentication done: only the request can come next. */
    private static final int PHASE_AFTER_AUTH = 8;

    private static final int SOCKS5_VERSION = SocksRequestDecoder.SOCKS5_VERSION;
    /** RFC 1929: the username/password subnegotiation has its own version, 0x01. */
    private static final int AUTH_VERSION = 0x01;
    private static final int METHOD_USERNAME_PASSWORD = 0x02;
    /** RFC 1928: "NO ACCEPTABLE METHODS"; servers send it, clients never offer it. */
    private static final int METHOD_NO_ACCEPTABLE = 0xFF;
    private static final int BYTE_MASK = 0xFF;
    private static final long UNSIGNED_INT_MASK = 0xFFFF_FFFFL;

    private final ShadowsocksTable table;
    private final SocksRequestDecoder request = new SocksRequestDecoder();

    /** @param table the shadowsocks table for {@code --socks-password}, or null to decode plain SOCKS5 only. */
    public SocksSniffer(final ShadowsocksTable table)
    {
        this.table = table;
    }

    /** @return the decoder holding the destination just after a call that returned a {@link #FOUND} state. */
    public SocksRequestDecoder request()
    {
        return request;
    }

    /**
     * Advances a connection's state over one client segment.
     *
     * @param state          the connection's state word, {@link #INITIAL_STATE} at first.
     * @param streamOffset   offset of the segment's first payload byte in the client stream,
     *                       0 for the first byte after the SYN; unsigned 32-bit.
     * @param buffer         holds the captured payload.
     * @param offset         index of the first payload byte in {@code buffer}.
     * @param capturedLength payload bytes present in {@code buffer}.
     * @param payloadLength  payload bytes the segment carried on the wire, at least {@code capturedLength}.
     * @return the new state word, to store in place of {@code state}.
     */
    public long onClientPayload(
        final long state,
        final long streamOffset,
        final DirectBuffer buffer,
        final int offset,
        final int capturedLength,
        final int payloadLength)
    {
        if (status(state) != PENDING)
        {
            return state;
        }
        final long consumed = bytesConsumed(state);
        final long start = streamOffset & UNSIGNED_INT_MASK;
        if (start > consumed || start + payloadLength <= consumed)
        {
            // After a gap: wait for the missing bytes. Wholly consumed: a retransmission.
            return state;
        }
        final int skip = (int)(consumed - start);
        final int capturedEnd = offset + Math.min(capturedLength, payloadLength);
        // A segment that runs out of captured bytes before its wire end was cut by the snap length.
        final boolean cut = capturedLength < payloadLength;

        int phase = phase(state);
        long flags = state & (SHADOWSOCKS_FLAG | USERNAME_PASSWORD_FLAG);
        int counter = counter(state);
        int index = offset + skip;

        if (phase == PHASE_START && table != null)
        {
            if (request.decodeShadowsocks(buffer, index, capturedEnd - index, table))
            {
                return verdict(FOUND, SHADOWSOCKS_FLAG, consumed + request.requestLength());
            }
            if (index >= capturedEnd || (buffer.getByte(index) & BYTE_MASK) != SOCKS5_VERSION)
            {
                return verdict(request.outcome() == SocksRequestDecoder.TRUNCATED ? TRUNCATED : NOT_SOCKS, 0, consumed);
            }
        }

        while (true)
        {
            if (index >= capturedEnd)
            {
                if (cut)
                {
                    return verdict(TRUNCATED, flags, consumed + index - offset - skip);
                }
                return pending(phase, flags, consumed + index - offset - skip, counter);
            }
            final int b = buffer.getByte(index) & BYTE_MASK;
            switch (phase)
            {
                case PHASE_START:
                    if (b != SOCKS5_VERSION)
                    {
                        return verdict(NOT_SOCKS, flags, consumed);
                    }
                    phase = PHASE_GREETING_METHOD_COUNT;
                    index++;
                    break;

                case PHASE_GREETING_METHOD_COUNT:
                    if (b == 0)
                    {
                        return verdict(NOT_SOCKS, flags, consumed);
                    }
                    counter = b;
                    phase = PHASE_GREETING_METHODS;
                    index++;
                    break;

                case PHASE_GREETING_METHODS:
                    if (b == METHOD_NO_ACCEPTABLE)
                    {
                        return verdict(NOT_SOCKS, flags, consumed);
                    }
                    if (b == METHOD_USERNAME_PASSWORD)
                    {
                        flags |= USERNAME_PASSWORD_FLAG;
                    }
                    if (--counter == 0)
                    {
                        phase = PHASE_AFTER_GREETING;
                    }
                    index++;
                    break;

                case PHASE_AFTER_GREETING:
                case PHASE_AFTER_AUTH:
                    if (b == AUTH_VERSION && phase == PHASE_AFTER_GREETING && (flags & USERNAME_PASSWORD_FLAG) != 0)
                    {
                        phase = PHASE_AUTH_USERNAME_LENGTH;
                        index++;
                        break;
                    }
                    if (b != SOCKS5_VERSION)
                    {
                        return verdict(NOT_SOCKS, flags, consumed);
                    }
                    final long requestStart = consumed + index - offset - skip;
                    if (request.decodeSocks5(buffer, index, capturedEnd - index))
                    {
                        return verdict(FOUND, flags, requestStart + request.requestLength());
                    }
                    return verdict(socks5Failure(request.outcome()), flags, requestStart);

                case PHASE_AUTH_USERNAME_LENGTH:
                    counter = b;
                    phase = counter != 0 ? PHASE_AUTH_USERNAME : PHASE_AUTH_PASSWORD_LENGTH;
                    index++;
                    break;

                case PHASE_AUTH_PASSWORD_LENGTH:
                    counter = b;
                    phase = counter != 0 ? PHASE_AUTH_PASSWORD : PHASE_AFTER_AUTH;
                    index++;
                    break;

                case PHASE_AUTH_USERNAME:
                case PHASE_AUTH_PASSWORD:
                {
                    // The name and password are skipped, never looked at.
                    final int step = Math.min(counter, capturedEnd - index);
                    counter -= step;
                    index += step;
                    if (counter == 0)
                    {
                        phase = phase == PHASE_AUTH_USERNAME ? PHASE_AUTH_PASSWORD_LENGTH : PHASE_AFTER_AUTH;
                    }
                    break;
                }

                default:
                    // Unreachable: every phase this class stores is handled above.
                    return verdict(NOT_SOCKS, flags, consumed);
            }
        }
    }

    /** @return {@link #PENDING}, {@link #FOUND}, {@link #NOT_SOCKS}, {@link #UNSUPPORTED} or {@link #TRUNCATED}. */
    public static int status(final long state)
    {
        return (int)(state >>> STATUS_SHIFT & STATUS_MASK);
    }

    /** @return whether the state has a verdict, after which it never changes. */
    public static boolean isDone(final long state)
    {
        return status(state) != PENDING;
    }

    /** @return whether the destination was found in a shadowsocks header rather than plain SOCKS5. */
    public static boolean isShadowsocks(final long state)
    {
        return (state & SHADOWSOCKS_FLAG) != 0;
    }

    /**
     * @return client stream bytes consumed: while pending, where the next segment must start; once
     * {@link #FOUND}, the length of the SOCKS preamble, greeting and request included.
     */
    public static int bytesConsumed(final long state)
    {
        return (int)(state >>> CONSUMED_SHIFT & CONSUMED_MASK);
    }

    private static int phase(final long state)
    {
        return (int)(state >>> PHASE_SHIFT & PHASE_MASK);
    }

    private static int counter(final long state)
    {
        return (int)(state >>> COUNTER_SHIFT & COUNTER_MASK);
    }

    private static int socks5Failure(final int outcome)
    {
        switch (outcome)
        {
            case SocksRequestDecoder.TRUNCATED:
                return TRUNCATED;
            case SocksRequestDecoder.UNSUPPORTED_COMMAND:
                return UNSUPPORTED;
            default:
                return NOT_SOCKS;
        }
    }

    private static long pending(final int phase, final long flags, final long consumed, final int counter)
    {
        return (long)PENDING << STATUS_SHIFT | (long)phase << PHASE_SHIFT | flags |
            (consumed & CONSUMED_MASK) << CONSUMED_SHIFT | ((long)counter & COUNTER_MASK) << COUNTER_SHIFT;
    }

    private static long verdict(final int status, final long flags, final long consumed)
    {
        return (long)status << STATUS_SHIFT | flags | (consumed & CONSUMED_MASK) << CONSUMED_SHIFT;
    }
}
