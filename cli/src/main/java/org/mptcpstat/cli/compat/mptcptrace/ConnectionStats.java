package org.mptcpstat.cli.compat.mptcptrace;

import org.mptcpstat.emitters.AsciiWriter;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpKeys;
import org.mptcpstat.flowtable.mptcp.Subflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a finished connection's {@code stats_N.csv} (lines {@code capture;N;key;c2s;s2c}) and
 * its {@code c2s_sf_N.csv} and {@code s2c_sf_N.csv} (bytes mapped per subflow; mptcptrace
 * writes the same rows to both). docs/COMPAT.md describes every key.
 * <p>
 * The data sequence keys count from the IDSN, as mptcptrace does: {@code firstSeq} is the IDSN
 * (the first mapping's DSN when the keys were not seen), {@code lastAck} the highest DATA_ACK
 * (IDSN − 1 before any), so {@code seqAcked} is the bytes acknowledged + 1. They are written when
 * both directions have them.
 */
final class ConnectionStats
{
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;
    private static final int MICROS_DECIMALS = 6;
    private static final int FRACTION_DECIMALS = 6;
    private static final long NANOS_PER_MICRO = 1_000;
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final byte[] capture;
    private final MptcpKeys keys = new MptcpKeys();
    private final RowFile file = new RowFile();
    /** Of the connection being written, by direction: set by {@link #sequenceStart}. */
    private final long[] firstSeq = new long[2];
    private final long[] lastAck = new long[2];
    private final long[] lastAckTime = new long[2];
    /** The stats file being written, and its connection's number. */
    private AsciiWriter lines;
    private int number;

    /** @param capture the capture's path, which starts every line. */
    ConnectionStats(final Path capture)
    {
        this.capture = capture.toString().getBytes(StandardCharsets.UTF_8);
    }

    void write(final MptcpConnection connection, final TracedConnection traced, final SubflowHandshakes handshakes,
        final StagingFolder folder) throws IOException
    {
        number = traced.number();
        writeSubflowBytes(connection, traced, folder);
        file.name(folder.file(FileNames.stats(number)));
        lines = file.rows();
        final int subflows = connection.subflowCount();
        line("sfCount").putLong(subflows).putAscii(";0").endLine();
        final long beginTime = sequenceStart(connection, traced, handshakes);
        if (beginTime != SubflowHandshakes.NOT_SEEN)
        {
            writeSequenceKeys(traced, beginTime);
        }
        for (int i = subflows - 1; i >= 0; i--)
        {
            writeSubflow(i, connection.subflow(i));
        }
        writeCaptureFilter(connection);
        writeReinjectionKeys(connection, traced.direction(0), traced.direction(1),
            beginTime != SubflowHandshakes.NOT_SEEN);
        file.close();
    }

    /** @param sequenceKnown whether the sequence keys were written: their {@code seqAcked} is needed. */
    private void writeReinjectionKeys(final MptcpConnection connection, final TracedDirection c2s,
        final TracedDirection s2c, final boolean sequenceKnown) throws IOException
    {
        line("bytesReinjected").putLong(c2s.reinjectedBytes()).putByte(';').putLong(s2c.reinjectedBytes()).endLine();
        if (sequenceKnown)
        {
            lineStart().putAscii("precentReinjected");
            fractionValues(c2s.reinjectedBytes(), seqAcked(0), s2c.reinjectedBytes(), seqAcked(1));
        }
        for (int count = 0; count < TracedDirection.SUBFLOW_COUNTS; count++)
        {
            lineStart().putAscii("reinject").putLong(count).putByte(';').putLong(c2s.mappingsSentOn(count))
                .putByte(';').putLong(s2c.mappingsSentOn(count)).endLine();
        }
        for (int count = 0; count < TracedDirection.SUBFLOW_COUNTS; count++)
        {
            lineStart().putAscii("reinject_pc_").putLong(count);
            fractionValues(c2s.mappingsSentOn(count), c2s.mappings(), s2c.mappingsSentOn(count), s2c.mappings());
        }
        for (int i = connection.subflowCount() - 1; i >= 0; i--)
        {
            final int port = connection.subflow(i).clientPort();
            lineStart().putAscii("reinjectCausedBy_").putLong(i).putByte('_').putLong(port).putByte(';')
                .putLong(c2s.reinjectionsFrom(i)).putByte(';').putLong(s2c.reinjectionsFrom(i)).endLine();
            lineStart().putAscii("reinjectCausedByPc_").putLong(i).putByte('_').putLong(port);
            fractionValues(c2s.reinjectionsFrom(i), c2s.reinjections(), s2c.reinjectionsFrom(i), s2c.reinjections());
        }
    }

    /**
     * Settles where each direction's data sequence space starts and its highest DATA_ACK.
     *
     * @return the time the space starts from (the third ACK of the MP_CAPABLE handshake, else the
     * client's first mapping), or {@link SubflowHandshakes#NOT_SEEN} when a direction lacks one.
     */
    private long sequenceStart(final MptcpConnection connection, final TracedConnection traced,
        final SubflowHandshakes handshakes)
    {
        final boolean keysKnown = connection.clientKeyKnown() && connection.serverKeyKnown();
        final long thirdAck = handshakes.thirdAckTime(connection.subflow(0).connId());
        final TracedDirection c2s = traced.direction(0);
        final long begin = keysKnown && thirdAck != SubflowHandshakes.NOT_SEEN ? thirdAck :
            c2s.firstMappingSeen() ? c2s.firstMappingTime() : SubflowHandshakes.NOT_SEEN;
        for (int direction = 0; direction < 2; direction++)
        {
            final TracedDirection data = traced.direction(direction);
            if (keysKnown)
            {
                keys.hash(Math.max(0, connection.version()),
                    direction == 0 ? connection.clientKey() : connection.serverKey());
                firstSeq[direction] = keys.idsn();
            }
            else if (data.firstMappingSeen())
            {
                firstSeq[direction] = data.firstMappingStart();
            }
            else
            {
                return SubflowHandshakes.NOT_SEEN;
            }
            if (data.dataAckSeen())
            {
                lastAck[direction] = data.highestDataAck();
                lastAckTime[direction] = data.highestDataAckTime();
            }
            else if (keysKnown)
            {
                lastAck[direction] = firstSeq[direction] - 1;
                lastAckTime[direction] = begin;
            }
            else
            {
                return SubflowHandshakes.NOT_SEEN;
            }
        }
        return begin;
    }

    private void writeSequenceKeys(final TracedConnection traced, final long beginTime) throws IOException
    {
        line("firstSeq").putLong(firstSeq[0] & SEQUENCE_MASK).putByte(';').putLong(firstSeq[1] & SEQUENCE_MASK)
            .endLine();
        // mptcptrace's lastAck is by the DATA_ACK's sender: the client's (of s2c data) first.
        line("lastAck").putLong(lastAck[1] & SEQUENCE_MASK).putByte(';').putLong(lastAck[0] & SEQUENCE_MASK)
            .endLine();
        final double duration = (lastAckTime[0] / NANOS_PER_MICRO - beginTime / NANOS_PER_MICRO) / MICROS_PER_SECOND;
        line("conTime").putFixed(duration, FRACTION_DECIMALS).putByte(';').putFixed(duration, FRACTION_DECIMALS)
            .endLine();
        line("beginTime").putSeconds(beginTime, MICROS_DECIMALS).putByte(';').putSeconds(beginTime, MICROS_DECIMALS)
            .endLine();
        line("seqAcked").putLong(seqAcked(0)).putByte(';').putLong(seqAcked(1)).endLine();
    }

    /** @return data bytes acknowledged + 1, modulo 2^32 (4294967295: none), of a direction. */
    private long seqAcked(final int direction)
    {
        return (lastAck[direction] - firstSeq[direction]) & SEQUENCE_MASK;
    }

    private void writeSubflow(final int index, final Subflow subflow) throws IOException
    {
        lineStart().putAscii("sf_").putLong(index).putAscii("_ipVersion;").putLong(subflow.ipVersion()).putByte(';')
            .putLong(subflow.ipVersion()).endLine();
        lineStart().putAscii("sf_").putLong(index).putAscii("_ip;")
            .putIpAddress(subflow.ipVersion(), subflow.clientHigh(), subflow.clientLow()).putByte(';')
            .putIpAddress(subflow.ipVersion(), subflow.serverHigh(), subflow.serverLow()).endLine();
        lineStart().putAscii("sf_").putLong(index).putAscii("_port;").putLong(subflow.clientPort()).putByte(';')
            .putLong(subflow.serverPort()).endLine();
    }

    /** The tcpdump filter that selects the connection's subflows, by the address and port of each SYN's sender. */
    private void writeCaptureFilter(final MptcpConnection connection) throws IOException
    {
        line("tcpDumpFilter").putAscii(" tcp && (");
        for (int i = connection.subflowCount() - 1; i >= 0; i--)
        {
            final Subflow subflow = connection.subflow(i);
            lines.putAscii(subflow.ipVersion() == 6 ? "  ( ip6 host " : "  ( ip host ");
            lines.putIpAddress(subflow.ipVersion(), subflow.clientHigh(), subflow.clientLow()).putAscii(" && tcp port ")
                .putLong(subflow.clientPort()).putAscii("  ) ");
            if (i > 0)
            {
                lines.putAscii("||");
            }
        }
        lines.putAscii(" ) ;").endLine();
    }

    private void writeSubflowBytes(final MptcpConnection connection, final TracedConnection traced,
        final StagingFolder folder) throws IOException
    {
        for (int direction = 0; direction < 2; direction++)
        {
            file.name(folder.file(FileNames.subflowBytes(direction, number)));
            final AsciiWriter rows = file.rows();
            for (int i = 0; i < connection.subflowCount(); i++)
            {
                rows.putLong(i).putByte(',').putLong(traced.mappedBytes(i, 0)).putByte(',')
                    .putLong(traced.mappedBytes(i, 1)).endLine();
            }
            file.close();
        }
    }

    /** @return the writer after {@code capture;N;key;}. */
    private AsciiWriter line(final String key) throws IOException
    {
        return lineStart().putAscii(key).putByte(';');
    }

    /** @return the writer after {@code capture;N;}, for a key made of parts. */
    private AsciiWriter lineStart() throws IOException
    {
        return lines.putBytes(capture).putByte(';').putLong(number).putByte(';');
    }

    /** Writes {@code ;c2s/c2sTotal;s2c/s2cTotal} and ends the line; a fraction of nothing is 0. */
    private void fractionValues(final long c2s, final long c2sTotal, final long s2c, final long s2cTotal)
        throws IOException
    {
        lines.putByte(';').putFixed(fraction(c2s, c2sTotal), FRACTION_DECIMALS).putByte(';')
            .putFixed(fraction(s2c, s2cTotal), FRACTION_DECIMALS).endLine();
    }

    private static double fraction(final long part, final long total)
    {
        return total == 0 ? 0 : (double)part / total;
    }
}
