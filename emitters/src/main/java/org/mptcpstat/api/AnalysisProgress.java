package org.mptcpstat.api;

/** Told how far an analysis got, every few thousand packets; may stop it. */
@FunctionalInterface
public interface AnalysisProgress
{
    AnalysisProgress NONE = (packets, bytes) -> true;

    /**
     * @param packets records read so far.
     * @param bytes   capture bytes read so far.
     * @return false to stop the analysis: it then fails with {@link AnalysisCancelledException}.
     */
    boolean onProgress(long packets, long bytes);
}
