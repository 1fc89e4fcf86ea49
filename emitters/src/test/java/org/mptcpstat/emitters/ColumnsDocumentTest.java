package org.mptcpstat.emitters;

import org.junit.jupiter.api.Test;
import org.mptcpstat.emitters.table.ColumnsDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/COLUMNS.md is generated from the table declarations; this test fails when it is stale.
 * Regenerate it with {@code mvn -pl emitters test -Dtest=ColumnsDocumentTest -Dmptcpstat.updateDocs=true}.
 */
class ColumnsDocumentTest
{
    private static final String INTRODUCTION = """
        # Columns of mptcpstat's tables

        Generated from the table declarations in `emitters` (do not edit by hand: see
        `ColumnsDocumentTest`). Every table is written as `TABLE.csv` and `TABLE.bin` (see
        [FORMAT.md](FORMAT.md)) in `OUTPUT/<capture name>/`.

        Conventions: `c2s_*` columns describe packets sent by the client (the sender of the first
        SYN), `s2c_*` packets sent by the server. Times (`time`) are epoch seconds with the
        capture's precision; durations (`duration`) are seconds, relative times count from the
        connection's `first_time`. An empty cell means "not measured". Sequence-space rules
        (retransmissions, unique bytes, RTT samples, duplicate ACKs) are tcptrace's, so the columns
        naming a tcptrace field agree with `tcptrace -l -r -n` (tests hold them to it); two
        differences are deliberate: `dup_acks` counts the duplicate ACKs a direction *sent* (tcptrace
        counts those it received), and a copy of a SYN after a RST stays in its connection (tcptrace
        starts a new one).

        MPTCP directions (`c2s_*`, `s2c_*` in the MPTCP tables) are those of the MPTCP connection: its
        client is the client of its initial subflow, also on joins the server opened. Data-level
        numbers use 64-bit data sequence numbers; `unique_data_bytes` is the highest DATA_ACK minus
        the IDSN minus 1, so an acknowledged DATA_FIN adds 1 (mptcptrace's `seqAcked` is one more).
        """;

    @Test
    void shouldDescribeEveryColumnInDocsColumnsMd() throws IOException
    {
        final String expected = ColumnsDocument.render(INTRODUCTION, OutputTables.schemas());
        final Path document = Paths.get(System.getProperty("mptcpstat.testdata", "../testdata")).getParent()
            .resolve("docs").resolve("COLUMNS.md");
        if (Boolean.getBoolean("mptcpstat.updateDocs"))
        {
            Files.writeString(document, expected);
        }
        assertEquals(expected, Files.exists(document) ? Files.readString(document) : "",
            "docs/COLUMNS.md is stale: regenerate it (see this test's Javadoc)");
    }
}
