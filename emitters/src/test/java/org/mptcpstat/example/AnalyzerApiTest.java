package org.mptcpstat.example;

import org.junit.jupiter.api.Test;
import org.mptcpstat.api.AnalysisCancelledException;
import org.mptcpstat.api.AnalysisProgress;
import org.mptcpstat.api.AnalysisResult;
import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.TableOutput;
import org.mptcpstat.emitters.table.DiscardSink;
import org.mptcpstat.emitters.table.RowSink;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.TcpDirectionField;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The library as a caller outside mptcpstat's packages sees it: only public API. */
class AnalyzerApiTest
{
    private static Path sample()
    {
        return Paths.get(System.getProperty("mptcpstat.testdata", "../testdata")).resolve("captures/sample.pcap");
    }

    /** Records what the analyzer asks of it; wants only the tables it was told. */
    private static final class RecordingOutput implements TableOutput
    {
        private final String wanted;
        private final List<String> opened = new ArrayList<>();
        private int commits;
        private int aborts;

        RecordingOutput(final String wanted)
        {
            this.wanted = wanted;
        }

        @Override
        public RowSink open(final TableSchema schema, final int timeDecimals)
        {
            opened.add(schema.name());
            return schema.name().equals(wanted) ? DiscardSink.INSTANCE : null;
        }

        @Override
        public void commit()
        {
            commits++;
        }

        @Override
        public void abort()
        {
            aborts++;
        }
    }

    @Test
    void shouldHandFinishedConnectionsToCallbacksAndCommitTheTablesOnce() throws IOException
    {
        final RecordingOutput tables = new RecordingOutput("tcp_connections");
        final long[] payload = new long[1];
        final List<Long> mptcpIds = new ArrayList<>();
        final MptcpListener mptcp = connection -> mptcpIds.add(connection.id());

        final AnalysisResult result = Analyzer.builder().build().analyze(sample(), tables,
            (connection, extras) -> payload[0] += connection.get(0, TcpDirectionField.PAYLOAD_BYTES) +
                connection.get(1, TcpDirectionField.PAYLOAD_BYTES), mptcp, AnalysisProgress.NONE);

        assertEquals(5, result.connections());
        // An MPTCP connection is named by the conn_id (first frame) of its first subflow.
        assertEquals(List.of(5L, 20L), mptcpIds.stream().sorted().toList());
        assertEquals(9, tables.opened.size(), "every table is offered: " + tables.opened);
        assertEquals(1, tables.commits);
        assertEquals(0, tables.aborts);
        assertEquals(result.tcpPackets() > 0, payload[0] > 0);
    }

    @Test
    void shouldAbortTheTablesWhenTheCallerStopsTheAnalysis()
    {
        final RecordingOutput tables = new RecordingOutput("tcp_connections");

        assertThrows(AnalysisCancelledException.class, () -> Analyzer.builder().build()
            .analyze(sample(), tables, null, null, (packets, bytes) -> false));

        assertEquals(0, tables.commits);
        assertEquals(1, tables.aborts);
    }

    @Test
    void shouldRefuseSettingsThatCannotWork()
    {
        assertThrows(IllegalArgumentException.class, () -> Analyzer.builder().idleTimeout(java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Analyzer.builder().maxOpenConnections(0));
        assertThrows(IllegalStateException.class, () -> Analyzer.builder().onlyServers(true).build());
    }
}
