package org.mptcpstat.cli.compat;

import org.mptcpstat.emitters.table.Committable;
import org.mptcpstat.flowtable.TcpConnectionListener;
import org.mptcpstat.flowtable.mptcp.MptcpListener;

/**
 * The files another tool would have written for one capture, made from what the trackers report
 * ({@code analyze --compat}). Like the tables, they appear only when the whole capture was read:
 * written under temporary names, renamed in {@link #commit()} once every connection finished;
 * {@link #abort()} deletes them when the analysis failed or was interrupted.
 */
public interface CompatOutput extends TcpConnectionListener, MptcpListener, Committable
{
}
