package org.mptcpstat.cli.decode;

/**
 * The columns of {@code mptcpstat decode}, in output order. Each matches one tshark field
 * (named in the comment), printed the way tshark 4.0 prints it, so that the output can be
 * compared line by line with the golden files written by {@code testdata/reference.sh}.
 */
enum DecodeColumn
{
    FRAME("frame"),                        // frame.number
    TIME("time"),                          // frame.time_epoch
    SRC("src"),                            // ip.src / ipv6.src
    SPORT("sport"),                        // tcp.srcport
    DST("dst"),                            // ip.dst / ipv6.dst
    DPORT("dport"),                        // tcp.dstport
    SEQ("seq"),                            // tcp.seq_raw
    ACK("ack"),                            // tcp.ack_raw
    FLAGS("flags"),                        // tcp.flags
    WINDOW("window"),                      // tcp.window_size_value
    PAYLOAD_LENGTH("payload_length"),      // tcp.len
    MSS("mss"),                            // tcp.options.mss_val
    WSCALE("wscale"),                      // tcp.options.wscale.shift
    SACK_PERM("sack_perm"),                // tcp.options.sack_perm
    TSVAL("tsval"),                        // tcp.options.timestamp.tsval
    TSECR("tsecr"),                        // tcp.options.timestamp.tsecr
    SACK_LE("sack_le"),                    // tcp.options.sack_le
    SACK_RE("sack_re"),                    // tcp.options.sack_re
    MPTCP_SUBTYPE("mptcp_subtype"),        // tcp.options.mptcp.subtype
    MPTCP_VERSION("mptcp_version"),        // tcp.options.mptcp.version
    MPTCP_FLAGS("mptcp_flags"),            // tcp.options.mptcp.flags
    MPTCP_SENDKEY("mptcp_sendkey"),        // tcp.options.mptcp.sendkey
    MPTCP_RECVKEY("mptcp_recvkey"),        // tcp.options.mptcp.recvkey
    MPTCP_RECVTOK("mptcp_recvtok"),        // tcp.options.mptcp.recvtok
    MPTCP_SENDRAND("mptcp_sendrand"),      // tcp.options.mptcp.sendrand
    MPTCP_SENDTRUNCHMAC("mptcp_sendtrunchmac"), // tcp.options.mptcp.sendtrunchmac
    MPTCP_SENDHMAC("mptcp_sendhmac"),      // tcp.options.mptcp.sendhmac
    MPTCP_ADDRID("mptcp_addrid"),          // tcp.options.mptcp.addrid
    MPTCP_BACKUP("mptcp_backup"),          // tcp.options.mptcp.backup.flag
    MPTCP_DSN("mptcp_dsn"),                // tcp.options.mptcp.rawdataseqno
    MPTCP_DATA_ACK("mptcp_data_ack"),      // tcp.options.mptcp.rawdataack
    MPTCP_SSN("mptcp_ssn"),                // tcp.options.mptcp.subflowseqno
    MPTCP_DLL("mptcp_dll"),                // tcp.options.mptcp.datalvllen
    MPTCP_CHECKSUM("mptcp_checksum"),      // tcp.options.mptcp.checksum
    MPTCP_DATAFIN("mptcp_datafin"),        // tcp.options.mptcp.datafin.flag
    MPTCP_IPVER("mptcp_ipver"),            // tcp.options.mptcp.ipver
    MPTCP_ECHO("mptcp_echo"),              // tcp.options.mptcp.echo
    MPTCP_IPV4("mptcp_ipv4"),              // tcp.options.mptcp.ipv4
    MPTCP_IPV6("mptcp_ipv6"),              // tcp.options.mptcp.ipv6
    MPTCP_PORT("mptcp_port"),              // tcp.options.mptcp.port
    MPTCP_ADDADDR_HMAC("mptcp_addaddr_hmac"), // tcp.options.mptcp.addaddrtrunchmac
    MPTCP_RST_REASON("mptcp_rst_reason");  // tcp.options.mptcp.rst_reason

    private final String header;

    DecodeColumn(final String header)
    {
        this.header = header;
    }

    String header()
    {
        return header;
    }

    static DecodeColumn byHeader(final String header)
    {
        for (final DecodeColumn column : values())
        {
            if (column.header.equals(header))
            {
                return column;
            }
        }
        throw new IllegalArgumentException("unknown field '" + header + "'");
    }
}
