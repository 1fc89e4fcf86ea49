package org.mptcpstat.cli.compat;

import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

import java.io.IOException;

/**
 * The files another tool would have written for one capture, made from what the trackers report
 * ({@code analyze --compat}). Like the tables, they appear only when the whole capture was read:
 * written under temporary names, renamed in {@link #commit()}.
 */
public interface CompatOutput extends TcpConnectionListener, MptcpListener
{
    /** Every packet was read and every connection finished: complete the files. */
    void commit() throws IOException;

    /** The analysis failed or was interrupted: delete what was written; never throws. */
    void abort();
}
