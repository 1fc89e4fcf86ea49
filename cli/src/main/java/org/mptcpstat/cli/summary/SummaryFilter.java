package org.mptcpstat.cli.summary;

import org.mptcpstat.cli.tables.TableValues;
import org.mptcpstat.flowtable.AddressPrefixes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Which connections a summary counts besides {@code --min-bytes}: those that started within a time
 * window ({@code --since}, {@code --until}) and those to given servers ({@code --server}, the old
 * pipeline's "only proxy"). A TCP connection is judged by its own first_time and server_addr, an
 * MPTCP connection by its first_time and the server_addr of any of its subflows.
 */
public final class SummaryFilter
{
    /** Counts every connection. */
    public static final SummaryFilter NONE = new SummaryFilter(null, null, List.of());

    private final String since;
    private final String until;
    private final List<String> servers;
    private final long sinceNanos;
    private final long untilNanos;
    private final AddressPrefixes serverPrefixes;

    /**
     * @param since   epoch seconds (decimal) a connection's first_time must be at or after; null: no limit.
     * @param until   epoch seconds (decimal) a connection's first_time must be before; null: no limit.
     * @param servers address prefixes of the servers kept; empty: every server.
     * @throws IllegalArgumentException with a one-line message naming the bad value.
     */
    public SummaryFilter(final String since, final String until, final List<String> servers)
    {
        this.since = since;
        this.until = until;
        this.servers = List.copyOf(servers);
        sinceNanos = since == null ? Long.MIN_VALUE : nanos("--since", since);
        untilNanos = until == null ? Long.MAX_VALUE : nanos("--until", until);
        if (sinceNanos > untilNanos)
        {
            throw new IllegalArgumentException("--since " + since + " is after --until " + until);
        }
        try
        {
            serverPrefixes = AddressPrefixes.parse(this.servers);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--server: " + ex.getMessage(), ex);
        }
    }

    /** @return epoch seconds with up to nine decimals as nanoseconds; more decimals are cut. */
    static long nanos(final String option, final String seconds)
    {
        try
        {
            return new BigDecimal(seconds.trim()).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(option + " must be epoch seconds, not '" + seconds + "'");
        }
    }

    /** @return the --since text, null when not given. */
    public String since()
    {
        return since;
    }

    /** @return the --until text, null when not given. */
    public String until()
    {
        return until;
    }

    /** @return the --server prefixes as given; empty when not given. */
    public List<String> servers()
    {
        return servers;
    }

    /** @return whether every connection is counted. */
    public boolean isEmpty()
    {
        return since == null && until == null && servers.isEmpty();
    }

    /** @return whether a first_time (nanoseconds; {@link TableValues#NOT_MEASURED} if unseen) is in the window. */
    boolean keepsTime(final long firstTimeNanos)
    {
        if (since == null && until == null)
        {
            return true;
        }
        return firstTimeNanos != TableValues.NOT_MEASURED && firstTimeNanos >= sinceNanos &&
            firstTimeNanos < untilNanos;
    }

    boolean filtersServers()
    {
        return !serverPrefixes.isEmpty();
    }

    AddressPrefixes serverPrefixes()
    {
        return serverPrefixes;
    }
}
