package org.mptcpstat.emitters.table;

/** The file formats a table can be written in; {@link TableSinks} opens one sink per format chosen. */
public enum TableFormat
{
    /** {@code TABLE.csv}, for people and spreadsheets: {@link CsvSink}. */
    CSV,
    /** {@code TABLE.bin}, compact and fast to load: {@link BinarySink}, described in {@code docs/FORMAT.md}. */
    BIN
}
