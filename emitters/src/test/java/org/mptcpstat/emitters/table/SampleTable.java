package org.mptcpstat.emitters.table;

import java.io.IOException;
import java.util.List;

/** A table with every column type, and rows that exercise every value's edge cases. */
final class SampleTable
{
    static final TableSchema SCHEMA = TableSchema.builder("sample", "every column type")
        .column("count", ColumnType.INT64, "packets", "a counter", "")
        .column("mean", ColumnType.FLOAT64, "bytes", "an average", "tcptrace: avg segm size")
        .column("first", ColumnType.TIME, "s", "a timestamp", "frame.time_epoch")
        .column("rtt", ColumnType.DURATION, "s", "a duration", "")
        .column("client", ColumnType.ADDRESS, "", "an IPv4 or IPv6 address", "ip.src")
        .column("server", ColumnType.ADDRESS, "", "another address", "ip.dst")
        .enumColumn("state", List.of("open", "closed, reset", "say \"hi\""), "a label", "")
        .column("mptcp", ColumnType.BOOLEAN, "", "a flag", "")
        .build();

    /** What {@link #writeRows} gives as CSV with 6 time decimals and 3 float decimals. */
    static final String CSV =
        "count,mean,first,rtt,client,server,state,mptcp\n" +
        "42,1.500,1529037839.537115,0.000250,192.168.1.2,2001:db8::1,open,1\n" +
        ",,,,,,,\n" +
        "-7,0.000,0.000000,-0.000500,::ffff:1.2.3.4,fe80::1,\"closed, reset\",0\n" +
        "9223372036854775807,100000000000000000000.000,-1.000000,0.000000,255.255.255.255,::," +
        "\"say \"\"hi\"\"\",\n";

    static final long FE80 = 0xFE80_0000_0000_0000L;
    static final long DB8 = 0x2001_0DB8_0000_0000L;

    private SampleTable()
    {
    }

    /** Writes four rows: ordinary values, nothing measured, negatives and zeros, extremes. */
    static void writeRows(final RowSink sink) throws IOException
    {
        sink.beginRow();
        sink.putLong(42);
        sink.putDouble(1.5);
        sink.putNanos(1_529_037_839_537_115_721L);
        sink.putNanos(250_000);
        sink.putAddress(4, 0, 0xC0A8_0102L);
        sink.putAddress(6, DB8, 1);
        sink.putEnum(0);
        sink.putBoolean(true);
        sink.endRow();

        sink.beginRow();
        sink.putLong(Long.MIN_VALUE);
        sink.putDouble(Double.NaN);
        sink.putNanos(Long.MIN_VALUE);
        sink.putNull();
        sink.putNull();
        sink.putNull();
        sink.putEnum(-1);
        sink.putNull();
        sink.endRow();

        sink.beginRow();
        sink.putLong(-7);
        sink.putDouble(-0.0);
        sink.putNanos(0);
        sink.putNanos(-500_000);
        sink.putAddress(6, 0, 0xFFFF_0102_0304L);
        sink.putAddress(6, FE80, 1);
        sink.putEnum(1);
        sink.putBoolean(false);
        sink.endRow();

        sink.beginRow();
        sink.putLong(Long.MAX_VALUE);
        sink.putDouble(1e20);
        sink.putNanos(-1_000_000_000L);
        sink.putNanos(-999);
        sink.putAddress(4, 0, 0xFFFF_FFFFL);
        sink.putAddress(6, 0, 0);
        sink.putEnum(2);
        sink.putNull();
        sink.endRow();
    }
}
