package org.mptcpstat.cli.summary;

/** The interface classes mptcp_connections splits data bytes by. */
public enum InterfaceClass
{
    WIFI("wifi", "wifi_bytes"),
    CELLULAR("cellular", "cellular_bytes"),
    UNKNOWN("unknown", "unknown_interface_bytes");

    private final String label;
    private final String columnStem;

    InterfaceClass(final String label, final String columnStem)
    {
        this.label = label;
        this.columnStem = columnStem;
    }

    public String label()
    {
        return label;
    }

    /** @return the column that holds this class's bytes in one direction. */
    String column(final Direction direction)
    {
        return direction.column(columnStem);
    }
}
