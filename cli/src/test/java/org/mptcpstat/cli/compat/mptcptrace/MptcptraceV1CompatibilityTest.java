package org.mptcpstat.cli.compat.mptcptrace;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpstat.cli.TestData;
import org.mptcpstat.cli.compat.CompatAnalysis;
import org.mptcpstat.cli.compat.CompatFormat;
import org.mptcpstat.cli.analyze.CsvTable;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On committed MPTCP v1 captures (where upstream mptcptrace cannot follow a join or read an
 * 8-byte DSN), {@code --compat mptcptrace} writes a file set per connection that agrees with
 * mptcpstat's own tables: numbering, subflows, SHA-256 IDSNs, acknowledged bytes, handshake time,
 * address signals and the connection list.
 */
class MptcptraceV1CompatibilityTest
{
    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    @TempDir
    Path output;

    @ParameterizedTest
    @ValueSource(strings = { "add-addr.pcap", "remove-addr.pcap" })
    void shouldAgreeWithTheTablesOnAV1Capture(final String capture) throws IOException, GeneralSecurityException
    {
        final Path folder = CompatAnalysis.analyze(TestData.root().resolve("captures").resolve(capture),
            output.resolve(capture), CompatFormat.MPTCPTRACE);
        final List<Map<String, String>> connections = CsvTable.read(folder.resolve("mptcp_connections.csv"));
        final List<Map<String, String>> subflows = CsvTable.read(folder.resolve("mptcp_subflows.csv"));
        final Map<String, Map<String, String>> tcpById =
            byKey(CsvTable.read(folder.resolve("tcp_connections.csv")), "conn_id");
        final List<Map<String, String>> events = CsvTable.read(folder.resolve("mptcp_events.csv"));
        final List<String> connectionList = Files.readAllLines(folder.resolve(FileNames.CONNECTION_LIST));
        connections.sort(Comparator.comparingLong(c -> Long.parseLong(c.get("mptcp_id"))));
        int number = 0;
        for (final Map<String, String> connection : connections)
        {
            final String id = connection.get("mptcp_id");
            final List<Map<String, String>> ownSubflows = subflows.stream()
                .filter(s -> s.get("mptcp_id").equals(id))
                .sorted(Comparator.comparingInt(s -> Integer.parseInt(s.get("subflow")))).toList();
            assertEquals("initial", ownSubflows.get(0).get("role"),
                capture + ": every connection began with MP_CAPABLE");
            final String context = capture + " connection " + number + " (mptcp_id " + id + ")";
            final Map<String, List<String>> stats = stats(folder.resolve(FileNames.stats(number)));

            assertEquals(List.of(connection.get("subflows"), "0"), stats.get("sfCount"), context);
            for (final Map<String, String> subflow : ownSubflows)
            {
                final String s = subflow.get("subflow");
                final Map<String, String> tcp = tcpById.get(subflow.get("conn_id"));
                assertEquals(List.of(subflow.get("client_addr"), subflow.get("server_addr")),
                    stats.get("sf_" + s + "_ip"), context);
                assertEquals(List.of(subflow.get("client_port"), subflow.get("server_port")),
                    stats.get("sf_" + s + "_port"), context);
                assertTrue(connectionList.contains("\tSubflow " + s + " with wscale : " + tcp.get("c2s_window_scale") +
                    " " + tcp.get("s2c_window_scale") + " IPv4 sport " +
                    subflow.get("client_port") + " dport " + subflow.get("server_port") + " saddr " +
                    subflow.get("client_addr") + " daddr " + subflow.get("server_addr") + " "),
                    context + " subflow " + s);
            }
            assertTrue(connectionList.contains("MPTCP connection 0 with id " + number), context);
            assertEquals(List.of(idsnLow32Bits(connection.get("client_key")),
                idsnLow32Bits(connection.get("server_key"))), stats.get("firstSeq"), context + ": SHA-256 IDSNs");
            assertEquals(List.of(acknowledgedPlusOne(connection.get("c2s_unique_data_bytes")),
                acknowledgedPlusOne(connection.get("s2c_unique_data_bytes"))), stats.get("seqAcked"), context);
            final Map<String, String> initial = tcpById.get(ownSubflows.get(0).get("conn_id"));
            final String thirdAck = new BigDecimal(initial.get("first_time"))
                .add(new BigDecimal(initial.get("handshake_ack_time"))).setScale(6, RoundingMode.DOWN).toPlainString();
            assertEquals(List.of(thirdAck, thirdAck), stats.get("beginTime"), context);
            assertEquals(signals(events, id, "ADD_ADDR", "address"),
                Files.readAllLines(folder.resolve(FileNames.addedAddresses(number))), context + ": ADD_ADDRs");
            assertEquals(signals(events, id, "REMOVE_ADDR", "address_id"),
                Files.readAllLines(folder.resolve(FileNames.removedAddresses(number))), context + ": REMOVE_ADDRs");
            number++;
        }
        assertTrue(Files.notExists(folder.resolve(FileNames.stats(number))), capture + ": no more connections");
    }

    /** @return the stats file's values by key, the capture's path and the connection number left out. */
    private static Map<String, List<String>> stats(final Path file) throws IOException
    {
        final Map<String, List<String>> values = new HashMap<>();
        for (final String line : Files.readAllLines(file))
        {
            final String[] fields = line.split(";", -1);
            values.put(fields[2], List.of(fields).subList(3, fields.length));
        }
        return values;
    }

    private static Map<String, Map<String, String>> byKey(final List<Map<String, String>> rows, final String key)
    {
        final Map<String, Map<String, String>> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.get(key), row));
        return byKey;
    }

    /** @return the low 32 bits of the IDSN of a v1 key (RFC 8684 3.1: the last 8 bytes of its SHA-256). */
    private static String idsnLow32Bits(final String key) throws GeneralSecurityException
    {
        final byte[] digest = MessageDigest.getInstance("SHA-256")
            .digest(ByteBuffer.allocate(Long.BYTES).putLong(Long.parseLong(key)).array());
        return Long.toString(ByteBuffer.wrap(digest).getLong(digest.length - Long.BYTES) & LOW_32_BITS);
    }

    private static String acknowledgedPlusOne(final String uniqueDataBytes)
    {
        return Long.toString((Long.parseLong(uniqueDataBytes) + 1) & LOW_32_BITS);
    }

    /** @return a connection's signals of a type as mptcptrace writes them: 1 when the client sent it, then a value. */
    private static List<String> signals(final List<Map<String, String>> events, final String id, final String type,
        final String value)
    {
        final List<String> lines = new ArrayList<>();
        for (final Map<String, String> event : events)
        {
            if (event.get("mptcp_id").equals(id) && event.get("type").equals(type))
            {
                lines.add((event.get("direction").equals("c2s") ? "1," : "0,") + event.get(value));
            }
        }
        return lines;
    }
}
