package org.mptcpstat.flowtable;

/** Parses dotted-quad IPv4 text without name lookups (InetAddress would try DNS on bad input). */
final class Ipv4Text
{
    private Ipv4Text()
    {
    }

    /** @return the 4 address bytes, or null when the text is not a dotted quad. */
    static byte[] parse(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            return null;
        }
        final byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            if (!parts[i].matches("\\d{1,3}"))
            {
                return null;
            }
            final int value = Integer.parseInt(parts[i]);
            if (value > 255)
            {
                return null;
            }
            bytes[i] = (byte)value;
        }
        return bytes;
    }
}
