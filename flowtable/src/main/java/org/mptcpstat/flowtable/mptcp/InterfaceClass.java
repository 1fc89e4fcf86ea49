package org.mptcpstat.flowtable.mptcp;

import java.util.Locale;

/** Which network a phone's subflow used, judged by the phone's address. */
public enum InterfaceClass
{
    WIFI,
    CELLULAR,
    UNKNOWN;

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
