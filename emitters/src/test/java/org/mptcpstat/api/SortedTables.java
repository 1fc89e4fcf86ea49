package org.mptcpstat.api;

import org.mptcpstat.emitters.OutputTables;
import org.mptcpstat.emitters.table.TableFormat;
import org.mptcpstat.emitters.table.TableSchema;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One analysis of a capture into CSV tables, read back with the rows of each table sorted (the
 * header first): what must not depend on the number of threads. Also published to the bench
 * module's tests.
 *
 * @param tables          per table name, its header then its rows in sorted order.
 * @param listenerThreads the names of the threads that told the TCP listener of connections.
 */
public record SortedTables(AnalysisResult result, Map<String, List<String>> tables, Set<String> listenerThreads)
{
    /** Analyzes {@code capture} into {@code folder} with the default settings. */
    public static SortedTables analyze(final Path capture, final int threads, final Path folder) throws IOException
    {
        return analyze(capture, Analyzer.builder(), threads, folder);
    }

    /**
     * Analyzes {@code capture} into {@code folder}, parallel whatever its size when {@code threads > 1},
     * with every table written, {@code mptcp_series} of every MPTCP connection included.
     */
    public static SortedTables analyze(final Path capture, final Analyzer.Builder settings, final int threads,
        final Path folder) throws IOException
    {
        try (CaptureReader reader = CaptureReaders.open(capture))
        {
            return analyze(reader, capture.toString(), settings, threads, folder);
        }
    }

    /** Analyzes what {@code reader} reads, as {@link #analyze(Path, Analyzer.Builder, int, Path)} does. */
    public static SortedTables analyze(final CaptureReader reader, final String name, final Analyzer.Builder settings,
        final int threads, final Path folder) throws IOException
    {
        final Set<String> threadNames = ConcurrentHashMap.newKeySet();
        final TcpConnectionListener listener = (connection, extras) -> threadNames.add(Thread.currentThread().getName());
        final AnalysisResult result = settings.series(true).seriesMinBytes(0).threads(threads).parallelMinBytes(0).build()
            .analyze(reader, new FolderTableOutput(folder, EnumSet.of(TableFormat.CSV)), listener, null,
                AnalysisProgress.NONE);
        assertNull(result.fault(), name + ": " + result.fault());
        final Map<String, List<String>> tables = new LinkedHashMap<>();
        for (final TableSchema schema : OutputTables.schemas())
        {
            final List<String> lines = Files.readAllLines(folder.resolve(schema.name() + ".csv"));
            final List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
            rows.sort(null);
            rows.add(0, lines.get(0));
            tables.put(schema.name(), rows);
        }
        return new SortedTables(result, tables, threadNames);
    }

    /** Asserts that another run found the same: counts, and every table line for line. */
    public void assertSameAs(final SortedTables other, final String what)
    {
        assertEquals(result.packets(), other.result.packets(), what + ": packets");
        assertEquals(result.tcpPackets(), other.result.tcpPackets(), what + ": TCP packets");
        assertEquals(result.connections(), other.result.connections(), what + ": connections");
        assertEquals(result.mptcpConnections(), other.result.mptcpConnections(), what + ": MPTCP connections");
        assertEquals(result.evictions(), other.result.evictions(), what + ": evictions");
        for (final Map.Entry<String, List<String>> table : tables.entrySet())
        {
            final List<String> theirs = other.tables.get(table.getKey());
            for (int i = 0; i < Math.min(table.getValue().size(), theirs.size()); i++)
            {
                assertEquals(table.getValue().get(i), theirs.get(i), what + ": " + table.getKey() + ", sorted line " + i);
            }
            assertEquals(table.getValue().size(), theirs.size(), what + ": lines of " + table.getKey());
        }
    }
}
