package org.mptcpstat.cli.compat.mptcptrace;

import java.util.regex.Pattern;

/** The names mptcptrace gives its files; {@code number} is the connection's, {@code direction} 0 for c2s. */
final class FileNames
{
    /** What mptcptrace prints on stdout: its list of connections and their subflows. */
    static final String CONNECTION_LIST = "mptcptrace_stdout.txt";
    static final String CAPTURE_COUNTERS = "file_stats.csv";

    private static final String[] DIRECTIONS = { "c2s", "s2c" };
    private static final Pattern CONNECTION_FILE = Pattern.compile(
        "((c2s|s2c)_(seq|acksize|rtt_seq_ts|sf)|c2s_map_reinject|stats|add_addr|rm_addr)_\\d+\\.csv");

    private FileNames()
    {
    }

    static String sequence(final int direction, final int number)
    {
        return DIRECTIONS[direction] + "_seq_" + number + ".csv";
    }

    static String ackSizes(final int direction, final int number)
    {
        return DIRECTIONS[direction] + "_acksize_" + number + ".csv";
    }

    static String roundTripTimes(final int direction, final int number)
    {
        return DIRECTIONS[direction] + "_rtt_seq_ts_" + number + ".csv";
    }

    static String subflowBytes(final int direction, final int number)
    {
        return DIRECTIONS[direction] + "_sf_" + number + ".csv";
    }

    static String reinjectedMappings(final int number)
    {
        return "c2s_map_reinject_" + number + ".csv";
    }

    static String stats(final int number)
    {
        return "stats_" + number + ".csv";
    }

    static String addedAddresses(final int number)
    {
        return "add_addr_" + number + ".csv";
    }

    static String removedAddresses(final int number)
    {
        return "rm_addr_" + number + ".csv";
    }

    /** @return whether a file of this name is one mptcptrace writes per connection. */
    static boolean isConnectionFile(final String name)
    {
        return CONNECTION_FILE.matcher(name).matches();
    }
}
