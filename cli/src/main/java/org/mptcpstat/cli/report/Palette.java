package org.mptcpstat.cli.report;

import org.mptcpstat.cli.summary.InterfaceClass;

import java.awt.Color;
import java.util.List;

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
    /** Subflows of unknown interface in time-sequence plots, by subflow number. */
    public static final List<Color> SUBFLOWS = List.of(new Color(0x17BECF), new Color(0xBCBD22),
        new Color(0xE377C2), new Color(0x393B79));
    /** Packets that reinjected data: a colour no interface and no text has, to stand out on any subflow's. */
    public static final Color REINJECTION = new Color(0xFF00FF);
    public static final Color DATA_ACK = new Color(0x7F7F7F);

    private Palette()
    {
    }

    /** @return the colour of a direction, by {@code Direction} ordinal (0: c2s, 1: s2c). */
    static Color direction(final int ordinal)
    {
        return ordinal == 0 ? C2S : S2C;
    }

    /** @return the colour of a subflow: its interface's, else one of {@link #SUBFLOWS} by its number. */
    static Color subflow(final String interfaceLabel, final int number)
    {
        if (interfaceLabel.equals(InterfaceClass.WIFI.label()))
        {
            return WIFI;
        }
        return interfaceLabel.equals(InterfaceClass.CELLULAR.label()) ? CELLULAR :
            SUBFLOWS.get(number % SUBFLOWS.size());
    }
}
