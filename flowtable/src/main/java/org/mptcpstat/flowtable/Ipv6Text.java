package org.mptcpstat.flowtable;

/** Parses IPv6 text (with {@code ::} and an optional dotted-quad tail) without name lookups. */
final class Ipv6Text
{
    private Ipv6Text()
    {
    }

    /** @return the 16 address bytes, or null when the text is not an IPv6 address. */
    static byte[] parse(final String text)
    {
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0)
        {
            return null;
        }
        final int[] groups = new int[8];
        final int[] head = groups(gap < 0 ? text : text.substring(0, gap));
        final int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null || head.length + tail.length > (gap < 0 ? 8 : 7) ||
            (gap < 0 && head.length != 8))
        {
            return null;
        }
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
        final byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            bytes[2 * i] = (byte)(groups[i] >>> 8);
            bytes[2 * i + 1] = (byte)groups[i];
        }
        return bytes;
    }

    /** @return the 16-bit groups of a colon-separated run (a dotted quad counts as two), or null. */
    private static int[] groups(final String run)
    {
        if (run.isEmpty())
        {
            return new int[0];
        }
        final String[] parts = run.split(":", -1);
        final int last = parts.length - 1;
        final byte[] quad = parts[last].indexOf('.') >= 0 ? Ipv4Text.parse(parts[last]) : null;
        if (parts[last].indexOf('.') >= 0 && quad == null)
        {
            return null;
        }
        final int[] groups = new int[quad == null ? parts.length : parts.length + 1];
        for (int i = 0; i < (quad == null ? parts.length : last); i++)
        {
            if (!parts[i].matches("[0-9a-fA-F]{1,4}"))
            {
                return null;
            }
            groups[i] = Integer.parseInt(parts[i], 16);
        }
        if (quad != null)
        {
            groups[last] = (quad[0] & 0xFF) << 8 | (quad[1] & 0xFF);
            groups[last + 1] = (quad[2] & 0xFF) << 8 | (quad[3] & 0xFF);
        }
        return groups;
    }
}
