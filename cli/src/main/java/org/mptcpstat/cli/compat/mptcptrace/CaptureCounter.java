package org.mptcpstat.cli.compat.mptcptrace;

/**
 * The counters of mptcptrace's {@code file_stats.csv}, in its order, each counted per direction
 * (0: c2s, 1: s2c; most only in c2s, as mptcptrace does). docs/COMPAT.md says what each counts
 * here; those that mptcpstat's trackers do not see stay 0.
 */
enum CaptureCounter
{
    CONNECTIONS("nbConnections"),
    SUBFLOWS("sfConnections"),
    FASTCLOSED_CONNECTIONS("nbFastClose"),
    FINISHED_CONNECTIONS("finishedConnections"),
    FAILED_JOINS("joinFailed"),
    FASTCLOSES_SEEN("nbFastCloseSeen"),
    JOIN_HMAC_FAILURES("JoinWrongHMAC"),
    DIFFERENT_KEY_IN_SYN_ACK("DiffKeyInSynack"),
    TIMED_OUT_CONNECTIONS("connTimeOut"),
    PORT_REUSED_BY_CAPABLE_AFTER_JOIN("capaToJoinReuse"),
    JOINS_SUSPECTED_REJECTED("suspectJoinRejected"),
    THIRD_ACK_KEY_DIFFERENT("thirdAckKeyDiff");

    final String label;

    CaptureCounter(final String label)
    {
        this.label = label;
    }
}
