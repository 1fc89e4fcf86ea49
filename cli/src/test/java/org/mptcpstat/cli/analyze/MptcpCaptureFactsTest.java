package org.mptcpstat.cli.analyze;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpstat.cli.TestData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each scenario capture made by {@code testdata/capture.sh} shows the fact it was made for in the
 * MPTCP tables. The counts are tshark's (see testdata/README.md).
 */
class MptcpCaptureFactsTest
{
    @TempDir
    Path output;

    private Map<String, List<Map<String, String>>> tables(final String capture) throws IOException
    {
        final Path folder = output.resolve(capture);
        AnalyzedCapture.connections(TestData.root().resolve("captures").resolve(capture + ".pcap"), folder);
        return Map.of(
            "connections", CsvTable.read(folder.resolve("mptcp_connections.csv")),
            "subflows", CsvTable.read(folder.resolve("mptcp_subflows.csv")),
            "events", CsvTable.read(folder.resolve("mptcp_events.csv")));
    }

    private static long count(final List<Map<String, String>> rows, final Predicate<Map<String, String>> test)
    {
        return rows.stream().filter(test).count();
    }

    @Test
    void shouldReportTheFallbackOfEveryConnectionTheProxyRefused() throws IOException
    {
        final var t = tables("fallback");
        assertEquals(12, t.get("connections").size());
        assertEquals(12, count(t.get("connections"), r -> r.get("fallback_reason").equals("syn_ack_without_mp_capable")));
        assertEquals(0, count(t.get("subflows"), r -> r.get("established").equals("1")));
    }

    @Test
    void shouldReportJoinsResetByTheProxyAsFailedWithTheirReason() throws IOException
    {
        final var t = tables("refused-join");
        final List<Map<String, String>> joins = t.get("subflows").stream().filter(r -> r.get("role").equals("join")).toList();
        assertEquals(7, joins.size());
        for (final Map<String, String> join : joins)
        {
            assertEquals("0", join.get("established"));
            assertEquals("rst", join.get("failure_reason"));
            assertEquals("3", join.get("tcprst_reason"), "administratively prohibited");
        }
        assertEquals(7, count(t.get("connections"), r -> r.get("established_subflows").equals("1")));
    }

    @Test
    void shouldReportAddAddrAndItsEchoAndTheJoinItLeadsTo() throws IOException
    {
        final var t = tables("add-addr");
        assertEquals(7, count(t.get("events"), r -> r.get("type").equals("ADD_ADDR") && r.get("flag").equals("0")));
        assertEquals(7, count(t.get("events"), r -> r.get("type").equals("ADD_ADDR") && r.get("flag").equals("1")));
        assertTrue(t.get("events").stream().filter(r -> r.get("type").equals("ADD_ADDR"))
            .allMatch(r -> r.get("address").equals("203.0.113.11")), "the proxy's second address");
        assertEquals(7, count(t.get("connections"), r -> r.get("subflows").equals("3")));
    }

    @Test
    void shouldReportMpPrioAsABackupChangeOfTheSubflow() throws IOException
    {
        final var t = tables("mp-prio");
        assertEquals(2, count(t.get("events"), r -> r.get("type").equals("MP_PRIO") && r.get("flag").equals("1")));
        assertEquals(2, count(t.get("subflows"), r -> r.get("backup_changes").equals("1") &&
            r.get("backup_at_end").equals("1")));
    }

    @Test
    void shouldReportRemoveAddrWithTheRemovedAddressId() throws IOException
    {
        final var t = tables("remove-addr");
        assertEquals(2, count(t.get("events"), r -> r.get("type").equals("REMOVE_ADDR") && r.get("address_id").equals("2")));
    }

    @Test
    void shouldReportBackupJoinsThatCarryNoData() throws IOException
    {
        final var t = tables("backup");
        final List<Map<String, String>> joins = t.get("subflows").stream().filter(r -> r.get("role").equals("join")).toList();
        assertEquals(7, joins.size());
        assertTrue(joins.stream().allMatch(r -> r.get("backup").equals("1") && r.get("c2s_mapped_bytes").equals("0") &&
            r.get("s2c_mapped_bytes").equals("0")), joins.toString());
        assertEquals(7, count(t.get("connections"), r -> r.get("backup_subflows").equals("1")));
    }

    @Test
    void shouldReportNegotiatedChecksumsAndTheMappingsThatCarryThem() throws IOException
    {
        final var t = tables("checksum");
        assertTrue(t.get("connections").stream().allMatch(r -> r.get("checksum").equals("1")));
        assertTrue(t.get("connections").stream().allMatch(r -> Long.parseLong(r.get("c2s_dss_checksums")) +
            Long.parseLong(r.get("s2c_dss_checksums")) > 0));
    }

    @Test
    void shouldEndConnectionsClosedByFastclose() throws IOException
    {
        final var t = tables("fastclose");
        assertEquals(10, count(t.get("connections"), r -> r.get("end_reason").equals("fastclose")));
        assertEquals(20, count(t.get("events"), r -> r.get("type").equals("MP_FASTCLOSE")));
    }

    @Test
    void shouldReadMptcpVersionOneFromLinuxCaptures() throws IOException
    {
        final var t = tables("sample");
        assertEquals(2, t.get("connections").size());
        assertTrue(t.get("connections").stream().allMatch(r -> r.get("version").equals("1")));
        assertTrue(t.get("subflows").stream().allMatch(r -> r.get("established").equals("1")));
    }
}
