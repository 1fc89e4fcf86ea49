package org.mptcpstat.flowtable;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of IPv4 and IPv6 prefixes ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a plain
 * address), to recognise the proxy side of a connection. Matching allocates nothing.
 */
public final class AddressPrefixes
{
    private final int[] versions;
    private final long[] highs;
    private final long[] lows;
    private final int[] lengths;

    private AddressPrefixes(final List<long[]> prefixes)
    {
        versions = new int[prefixes.size()];
        highs = new long[prefixes.size()];
        lows = new long[prefixes.size()];
        lengths = new int[prefixes.size()];
        for (int i = 0; i < prefixes.size(); i++)
        {
            versions[i] = (int)prefixes.get(i)[0];
            highs[i] = prefixes.get(i)[1];
            lows[i] = prefixes.get(i)[2];
            lengths[i] = (int)prefixes.get(i)[3];
        }
    }

    public static AddressPrefixes none()
    {
        return new AddressPrefixes(List.of());
    }

    /**
     * @throws IllegalArgumentException with a one-line message naming the bad entry.
     */
    public static AddressPrefixes parse(final List<String> texts)
    {
        final List<long[]> prefixes = new ArrayList<>();
        for (final String text : texts)
        {
            prefixes.add(parseOne(text.trim()));
        }
        return new AddressPrefixes(prefixes);
    }

    public boolean isEmpty()
    {
        return versions.length == 0;
    }

    /** @return true when the address (IPv4 in the low 32 bits of {@code low}) lies in a prefix. */
    public boolean contains(final int ipVersion, final long high, final long low)
    {
        for (int i = 0; i < versions.length; i++)
        {
            if (versions[i] == ipVersion && matches(high, low, i))
            {
                return true;
            }
        }
        return false;
    }

    private boolean matches(final long high, final long low, final int i)
    {
        final int length = lengths[i];
        if (versions[i] == 4)
        {
            final long mask = length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
            return (low & mask) == (lows[i] & mask);
        }
        final long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        final long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return (high & highMask) == (highs[i] & highMask) && (low & lowMask) == (lows[i] & lowMask);
    }

    private static long[] parseOne(final String text)
    {
        final int slash = text.indexOf('/');
        final String address = slash < 0 ? text : text.substring(0, slash);
        final boolean v6 = address.indexOf(':') >= 0;
        final int maxLength = v6 ? 128 : 32;
        int length = maxLength;
        if (slash >= 0)
        {
            try
            {
                length = Integer.parseInt(text.substring(slash + 1));
            }
            catch (final NumberFormatException ex)
            {
                length = -1;
            }
            if (length < 0 || length > maxLength)
            {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
        }
        final byte[] bytes = v6 ? Ipv6Text.parse(address) : Ipv4Text.parse(address);
        if (bytes == null)
        {
            throw new IllegalArgumentException("not an IP address or prefix: '" + text + "'");
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < bytes.length; i++)
        {
            if (v6 && i < 8)
            {
                high = high << 8 | (bytes[i] & 0xFF);
            }
            else
            {
                low = low << 8 | (bytes[i] & 0xFF);
            }
        }
        return new long[] { v6 ? 6 : 4, high, low, length };
    }
}
