package org.mptcpstat.api;

import org.mptcpstat.flowtable.TcpTracker;
import org.mptcpstat.flowtable.mptcp.MptcpTracker;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;

/** The TCP tracker and the MPTCP tracker it feeds: of a whole capture, or of one worker's share. */
final class CaptureTrackers implements PacketConsumer
{
    private final TcpTracker tcp;
    private final MptcpTracker mptcp;

    CaptureTrackers(final TcpTracker tcp, final MptcpTracker mptcp)
    {
        this.tcp = tcp;
        this.mptcp = mptcp;
    }

    TcpTracker tcp()
    {
        return tcp;
    }

    MptcpTracker mptcp()
    {
        return mptcp;
    }

    @Override
    public void onTcpPacket(final PacketRecord record, final TcpPacket packet) throws IOException
    {
        tcp.onPacket(packet);
    }

    @Override
    public void endOfCapture() throws IOException
    {
        tcp.finishAll();
    }

    @Override
    public long connections()
    {
        return tcp.connections();
    }

    @Override
    public long mptcpConnections()
    {
        return mptcp.connections();
    }

    @Override
    public long evictions()
    {
        return tcp.evictions();
    }

    @Override
    public void close()
    {
        tcp.close();
    }
}
