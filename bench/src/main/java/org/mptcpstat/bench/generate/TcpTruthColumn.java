package org.mptcpstat.bench.generate;

/**
 * The per-direction counts the ground truth gives for every TCP connection, each named as the
 * {@code tcp_connections} column it must equal (after the {@code c2s_}/{@code s2c_} prefix).
 */
enum TcpTruthColumn
{
    PACKETS("packets"),
    IP_BYTES("ip_bytes"),
    PAYLOAD_BYTES("payload_bytes"),
    UNIQUE_BYTES("unique_bytes"),
    DATA_PACKETS("data_packets"),
    SYN_PACKETS("syn_packets"),
    FIN_PACKETS("fin_packets"),
    RST_PACKETS("rst_packets"),
    OUT_OF_ORDER_PACKETS("out_of_order_packets"),
    TRUNCATED_PACKETS("truncated_packets"),
    RETRANS_PACKETS("retrans_packets"),
    RETRANS_BYTES("retrans_bytes"),
    RETRANS_FAST_RETRANSMIT("retrans_fast_retransmit"),
    RETRANS_RTO("retrans_rto");

    static final TcpTruthColumn[] ALL = values();

    private final String column;

    TcpTruthColumn(final String column)
    {
        this.column = column;
    }

    String column()
    {
        return column;
    }
}
