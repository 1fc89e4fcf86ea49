package org.mptcpstat.bench.generate;

/**
 * The per-direction data-level counts the ground truth gives for every MPTCP connection, each
 * named as the {@code mptcp_connections} column it must equal (after {@code c2s_}/{@code s2c_}).
 */
enum DataLevelTruthColumn
{
    UNIQUE_DATA_BYTES("unique_data_bytes"),
    DATA_BYTES("data_bytes"),
    MAPPINGS("mappings"),
    REINJECTED_BYTES("reinjected_bytes"),
    DISTINCT_REINJECTED_BYTES("distinct_reinjected_bytes"),
    REINJECTED_MAPPINGS("reinjected_mappings"),
    DATA_FIN("data_fin");

    static final DataLevelTruthColumn[] ALL = values();

    private final String column;

    DataLevelTruthColumn(final String column)
    {
        this.column = column;
    }

    String column()
    {
        return column;
    }
}
