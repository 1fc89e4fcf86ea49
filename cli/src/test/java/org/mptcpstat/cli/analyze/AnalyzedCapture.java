package org.mptcpstat.cli.analyze;

import org.mptcpstat.api.AnalysisResult;
import org.mptcpstat.api.Analyzer;
import org.mptcpstat.api.FolderTableOutput;
import org.mptcpstat.emitters.table.TableFormat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;

/** Runs the analysis of one capture into a folder and reads back its CSV tables. */
final class AnalyzedCapture
{
    private AnalyzedCapture()
    {
    }

    static List<Map<String, String>> connections(final Path capture, final Path folder) throws IOException
    {
        final AnalysisResult result = Analyzer.builder().build()
            .analyze(capture, new FolderTableOutput(folder, EnumSet.of(TableFormat.CSV)));
        assertNull(result.fault(), capture + ": " + result.fault());
        return CsvTable.read(folder.resolve("tcp_connections.csv"));
    }

    /** @return an address in one canonical text form, whatever tool printed it. */
    static String canonical(final String address) throws IOException
    {
        // tcptrace writes the leading zero run of an IPv6 address as a single ':' (":0001" for ::1).
        final String text = address.startsWith(":") && !address.startsWith("::") ? ":" + address : address;
        return InetAddress.getByName(text).getHostAddress();
    }

    /** @return epoch microseconds of a "seconds.fraction" text, the fraction as digits of a second. */
    static long micros(final String epochSeconds)
    {
        final int dot = epochSeconds.indexOf('.');
        final String fraction = (epochSeconds.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(epochSeconds.substring(0, dot)) * 1_000_000L + Long.parseLong(fraction);
    }

    /** @return a key naming a connection's two endpoints, the same whichever is given first. */
    static String tuple(final String addressA, final String portA, final String addressB, final String portB)
        throws IOException
    {
        final String a = canonical(addressA) + "/" + portA;
        final String b = canonical(addressB) + "/" + portB;
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    /** @return our rows grouped by {@link #tuple}. */
    static Map<String, List<Map<String, String>>> byTuple(final List<Map<String, String>> rows) throws IOException
    {
        final Map<String, List<Map<String, String>>> grouped = new java.util.HashMap<>();
        for (final Map<String, String> row : rows)
        {
            grouped.computeIfAbsent(tuple(row.get("client_addr"), row.get("client_port"), row.get("server_addr"),
                row.get("server_port")), k -> new java.util.ArrayList<>()).add(row);
        }
        return grouped;
    }

    /** @return the row of ours whose first packet has this time in µs, or null. */
    static Map<String, String> startingAt(final long firstMicros, final List<Map<String, String>> rows)
    {
        for (final Map<String, String> row : rows)
        {
            if (micros(row.get("first_time")) == firstMicros)
            {
                return row;
            }
        }
        return null;
    }

    /** @return whether our client is the given endpoint. */
    static boolean clientIs(final Map<String, String> ours, final String address, final String port) throws IOException
    {
        return canonical(ours.get("client_addr")).equals(canonical(address)) && ours.get("client_port").equals(port);
    }
}
