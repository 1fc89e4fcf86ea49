package org.mptcpstat.emitters.table;

import java.io.IOException;

/** Output that is written under temporary names and becomes visible only when committed. */
public interface Committable
{
    /** Everything was written: make it visible. */
    void commit() throws IOException;

    /** Discard whatever was written; never throws, as it runs while another error unwinds. */
    void abort();
}
