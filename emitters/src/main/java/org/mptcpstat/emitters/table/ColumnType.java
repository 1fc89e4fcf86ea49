package org.mptcpstat.emitters.table;

/**
 * The value types a table column can hold. Every type has a fixed width in the binary format and
 * a "not measured" value that CSV writes as an empty cell.
 */
public enum ColumnType
{
    /** Signed 64-bit integer (counters, sequence numbers, ports). Not measured: {@link Long#MIN_VALUE}. */
    INT64,
    /** 64-bit float (averages, ratios). Not measured: NaN. */
    FLOAT64,
    /** Nanoseconds since the Unix epoch; CSV shows epoch seconds. Not measured: {@link Long#MIN_VALUE}. */
    TIME,
    /** A duration or time offset in nanoseconds; CSV shows seconds. Not measured: {@link Long#MIN_VALUE}. */
    DURATION,
    /** IPv4 or IPv6 address (version, high and low 64 bits); CSV shows tshark's text form. */
    ADDRESS,
    /** One of a fixed list of labels, stored as its index; not measured: -1. */
    ENUM,
    /** true/false; CSV shows 1/0. */
    BOOLEAN
}
