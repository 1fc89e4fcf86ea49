package org.mptcpstat.emitters.mptcp;

import org.mptcpstat.flowtable.mptcp.MptcpConnection;
import org.mptcpstat.flowtable.mptcp.MptcpKeys;

/** Tokens for the table, from the keys and the connection's version (v0's SHA-1 when unknown). */
final class MptcpTokens
{
    private MptcpTokens()
    {
    }

    static long token(final MptcpConnection connection, final long key)
    {
        return MptcpKeys.token(Math.max(0, connection.version()), key) & 0xFFFF_FFFFL;
    }
}
