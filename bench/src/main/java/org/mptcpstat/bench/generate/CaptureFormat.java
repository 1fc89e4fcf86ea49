package org.mptcpstat.bench.generate;

/** The file formats the generator writes; both little-endian. */
enum CaptureFormat
{
    /** Classic pcap with microsecond timestamps, which every tool reads (tcptrace included). */
    PCAP,
    /** pcapng: one section, one interface with nanosecond timestamps, enhanced packet blocks. */
    PCAPNG
}
