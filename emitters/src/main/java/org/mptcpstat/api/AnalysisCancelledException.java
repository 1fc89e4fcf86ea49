package org.mptcpstat.api;

import java.io.IOException;

/** The caller's {@link AnalysisProgress} stopped the analysis; its tables were aborted. */
public final class AnalysisCancelledException extends IOException
{
    private static final long serialVersionUID = 1L;

    public AnalysisCancelledException()
    {
        super("interrupted");
    }
}
