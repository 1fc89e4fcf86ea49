package org.mptcpstat.cli.report;

import java.awt.Color;

/** The report's fixed colours, so that a direction or an interface looks the same in every plot. */
public final class Palette
{
    /** Client to server. */
    public static final Color C2S = new Color(0x1F77B4);
    /** Server to client. */
    public static final Color S2C = new Color(0xFF7F0E);
    public static final Color WIFI = new Color(0x2CA02C);
    public static final Color CELLULAR = new Color(0xD62728);
    /** Series that are neither a direction nor an interface (connections, subflows, ports). */
    public static final Color ALL = new Color(0x9467BD);
    /** Failures (failed joins). */
    public static final Color FAILURE = new Color(0x8C564B);

    private Palette()
    {
    }

    /** @return the colour of a direction, by {@code Direction} ordinal (0: c2s, 1: s2c). */
    static Color direction(final int ordinal)
    {
        return ordinal == 0 ? C2S : S2C;
    }
}
