package org.mptcpstat.cli.compat.mptcptrace;

import org.mptcpstat.emitters.AsciiWriter;
import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.Subflow;

import java.io.IOException;

/**
 * The list of connections mptcptrace prints on stdout, written to {@link FileNames#CONNECTION_LIST}:
 * per connection as it ends, a line {@code MPTCP connection 0 with id N}, then one line per
 * subflow with the window scales of its SYN and SYN/ACK and the addresses and ports of its SYN.
 * Subflows are numbered as in the other files (0: the initial one), in that order.
 */
final class ConnectionList
{
    private final RowFile file = new RowFile();

    ConnectionList(final StagingFolder folder)
    {
        file.name(folder.file(FileNames.CONNECTION_LIST));
    }

    void write(final MptcpConnection connection, final int number, final SubflowHandshakes handshakes)
        throws IOException
    {
        final AsciiWriter lines = file.rows().putAscii("MPTCP connection 0 with id ").putLong(number).endLine();
        for (int i = 0; i < connection.subflowCount(); i++)
        {
            final Subflow subflow = connection.subflow(i);
            lines.putAscii("\tSubflow ").putLong(i).putAscii(" with wscale : ")
                .putLong(handshakes.synWindowScale(subflow.connId())).putByte(' ')
                .putLong(handshakes.synAckWindowScale(subflow.connId())).putAscii(" IPv").putLong(subflow.ipVersion())
                .putAscii(" sport ").putLong(subflow.clientPort()).putAscii(" dport ").putLong(subflow.serverPort())
                .putAscii(" saddr ");
            lines.putIpAddress(subflow.ipVersion(), subflow.clientHigh(), subflow.clientLow()).putAscii(" daddr ")
                .putIpAddress(subflow.ipVersion(), subflow.serverHigh(), subflow.serverLow()).putAscii(" ").endLine();
        }
    }

    void close() throws IOException
    {
        file.close();
    }

    void abandon()
    {
        file.abandon();
    }
}
