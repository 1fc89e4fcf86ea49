package org.mptcpstat.bench.generate;

/**
 * What a capture is made of; {@link CaptureGenerator} reads it from the command line. Shares are
 * probabilities per conversation (or per flight, per chunk, where said).
 *
 * @param seed                every byte of the capture and its ground truth follows from it.
 * @param tcpConnections      plain TCP conversations.
 * @param mptcpConnections    MPTCP conversations.
 * @param targetBytes         when positive, conversations are drawn (in the proportion of the two
 *                            counts above) until the file holds this many bytes, instead.
 * @param concurrency         conversations in progress at once, interleaved in time.
 * @param meanGapNanos        mean idle time of a lane between two conversations.
 * @param subflows            subflows per MPTCP connection, initial one included (1 to 3); an
 *                            ADD_ADDR adds one more.
 * @param v0Share             MPTCP connections that speak v0 (RFC 6824) rather than v1 (RFC 8684).
 * @param cellularShare       conversations whose first subflow starts on the cellular address.
 * @param rounds              request/response rounds per conversation, at most; 0 for none.
 * @param requestBytes        mean request size.
 * @param responseBytes       mean response size.
 * @param bulkShare           conversations that are one bulk transfer of {@code bulkBytes}.
 * @param bulkBytes           size of a bulk transfer.
 * @param loss                flights that lose one segment.
 * @param reorder             flights that swap two segments (among those that lose none).
 * @param reinjection         MPTCP data chunks whose first flight is reinjected on another subflow.
 * @param addAddrShare        MPTCP connections whose server announces a second address, then joined.
 * @param backupShare         joins that start as backup.
 * @param mpPrioShare         MPTCP connections whose client makes its second subflow backup midway.
 * @param fastcloseShare      MPTCP connections that end with MP_FASTCLOSE instead of DATA_FINs.
 * @param resetShare          TCP conversations that end with a RST instead of FINs.
 * @param portReuseShare      TCP conversations that reuse the 4-tuple of the lane's previous one.
 * @param link                link layer of every frame.
 * @param format              pcap or pcapng.
 * @param headersOnly         payload left out of the capture (the IP lengths still count it).
 * @param writeTruth          whether to write the ground truth beside the capture.
 */
record GeneratorSettings(
    long seed,
    long tcpConnections,
    long mptcpConnections,
    long targetBytes,
    int concurrency,
    long meanGapNanos,
    int subflows,
    double v0Share,
    double cellularShare,
    int rounds,
    int requestBytes,
    int responseBytes,
    double bulkShare,
    long bulkBytes,
    double loss,
    double reorder,
    double reinjection,
    double addAddrShare,
    double backupShare,
    double mpPrioShare,
    double fastcloseShare,
    double resetShare,
    double portReuseShare,
    LinkLayer link,
    CaptureFormat format,
    boolean headersOnly,
    boolean writeTruth)
{
}
