package org.mptcpstat.bench.generate;

/** Sends application data one way; plain TCP on its one connection, MPTCP over its subflows. */
@FunctionalInterface
interface DataSender
{
    /** @return the capture time of the ACK of the last byte. */
    long send(int direction, long bytes, long start);
}
