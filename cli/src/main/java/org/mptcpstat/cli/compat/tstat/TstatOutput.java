package org.mptcpstat.cli.compat.tstat;

import org.mptcpstat.cli.compat.CompatOutput;
import org.mptcpstat.flowtable.ConnectionExtras;
import org.mptcpstat.flowtable.EndReason;
import org.mptcpstat.flowtable.TcpConnection;
import org.mptcpstat.flowtable.TcpDirectionField;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * tstat's TCP logs of one capture ({@code analyze --compat tstat}, docs/COMPAT.md):
 * {@code log_tcp_complete} and {@code log_tcp_nocomplete}, in a folder named as tstat names its
 * own, after the minute of the capture's first packet ({@code OUTPUT/CAPTURE/2018_06_15_04_43.out/}).
 * Each connection is written when it finishes, into temporary files that {@link #commit()} renames.
 * <p>
 * Like tstat, only connections whose client SYN was captured are logged; those that also got the
 * server's SYN/ACK and were closed (by RST, or by both FINs acknowledged) go to
 * {@code log_tcp_complete}, the others to {@code log_tcp_nocomplete}. tstat knows nothing of MPTCP:
 * each subflow is a connection of its own, and the MPTCP events are ignored.
 */
public final class TstatOutput implements CompatOutput
{
    static final String COMPLETE_LOG = "log_tcp_complete";
    static final String NOCOMPLETE_LOG = "log_tcp_nocomplete";
    /** UTC, as in the reference outputs, so that the name does not depend on the machine's time zone. */
    private static final DateTimeFormatter FOLDER_NAME =
        DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm'.out'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Path outputFolder;
    private Path logFolder;
    private TstatLogFile complete;
    private TstatLogFile nocomplete;
    private boolean committed;
    private boolean aborted;

    /**
     * Writes nothing until the capture's first packet names the folder.
     *
     * @param capture unused: tstat's files do not name the capture.
     */
    public TstatOutput(final Path capture, final Path outputFolder)
    {
        this.outputFolder = outputFolder;
    }

    /** @return the name of the folder tstat writes a capture's logs into: {@code YYYY_MM_DD_HH_MM.out}. */
    static String folderName(final long firstPacketNanos)
    {
        return FOLDER_NAME.format(Instant.ofEpochSecond(Math.floorDiv(firstPacketNanos, NANOS_PER_SECOND)));
    }

    @Override
    public synchronized void onCaptureStart(final long firstPacketNanos) throws IOException
    {
        if (aborted)
        {
            throw new IOException("interrupted");
        }
        logFolder = outputFolder.resolve(folderName(firstPacketNanos));
        Files.createDirectories(logFolder);
        complete = TstatLogFile.create(logFolder, COMPLETE_LOG, TstatLogColumns.COMPLETE);
        nocomplete = TstatLogFile.create(logFolder, NOCOMPLETE_LOG, TstatLogColumns.NOCOMPLETE);
    }

    @Override
    public void onConnectionFinished(final TcpConnection connection, final ConnectionExtras extras) throws IOException
    {
        if (connection.synTime() == Long.MIN_VALUE)
        {
            // tstat opens a connection at its client's SYN and ignores packets of any other.
            return;
        }
        (closedProperly(connection) ? complete : nocomplete).write(connection, extras);
    }

    /** @return whether tstat would log the connection as complete: handshake SYNs both ways, then a close. */
    private static boolean closedProperly(final TcpConnection connection)
    {
        return connection.get(connection.serverDirection(), TcpDirectionField.SYN_PACKETS) > 0 &&
            (connection.endReason() == EndReason.FIN || connection.endReason() == EndReason.RST);
    }

    /** Gives both logs their final names; a capture without packets has no folder and no logs. */
    @Override
    public synchronized void commit() throws IOException
    {
        if (aborted)
        {
            throw new IOException("interrupted");
        }
        if (complete != null)
        {
            complete.commit();
            nocomplete.commit();
        }
        committed = true;
    }

    /** Deletes the temporary logs, and the folder when they were all it held. */
    @Override
    public synchronized void abort()
    {
        if (committed)
        {
            return;
        }
        aborted = true;
        for (final TstatLogFile log : new TstatLogFile[] { complete, nocomplete })
        {
            if (log != null)
            {
                log.abort();
            }
        }
        if (logFolder != null)
        {
            try
            {
                Files.deleteIfExists(logFolder);
            }
            catch (final IOException ignored)
            {
                // Not empty: it holds the logs of an earlier run, which stay.
            }
        }
    }

    @Override
    public void onConnectionFinished(final MptcpConnection connection)
    {
        // tstat knows nothing of MPTCP.
    }
}
