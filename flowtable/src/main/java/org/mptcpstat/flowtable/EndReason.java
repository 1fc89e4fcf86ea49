package org.mptcpstat.flowtable;

/** How a connection's record ended. */
public enum EndReason
{
    /** Both sides sent FIN and the last FIN was acknowledged. */
    FIN,
    /** A RST was seen. */
    RST,
    /** No packet for longer than the idle timeout (capture time). */
    TIMEOUT,
    /** The capture ended while the connection was open. */
    END_OF_CAPTURE;

    private static final EndReason[] VALUES = values();

    public static EndReason of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
