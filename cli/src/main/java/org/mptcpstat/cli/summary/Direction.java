package org.mptcpstat.cli.summary;

/** The two directions of a connection; the tables prefix their per-direction columns with them. */
public enum Direction
{
    C2S("c2s"),
    S2C("s2c");

    private final String prefix;

    Direction(final String prefix)
    {
        this.prefix = prefix;
    }

    /** @return {@code c2s} or {@code s2c}, as in column names and in the summary's output. */
    public String label()
    {
        return prefix;
    }

    /** @return the name of this direction's column {@code stem}, e.g. {@code c2s_payload_bytes}. */
    String column(final String stem)
    {
        return prefix + "_" + stem;
    }
}
