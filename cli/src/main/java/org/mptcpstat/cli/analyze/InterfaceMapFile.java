package org.mptcpstat.cli.analyze;

import org.mptcpstat.flowtable.AddressPrefixes;
import org.mptcpstat.flowtable.mptcp.InterfaceClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code --iface-map FILE}: one {@code address,interface} pair per line (blank lines and
 * {@code #} comments skipped), as the old pipeline's database of phone addresses gave them.
 * Interfaces named {@code wifi} or {@code wlan*} are WiFi; {@code cellular}, {@code rmnet*},
 * {@code ccmni*}, {@code wwan*} and {@code pdp*} are cellular; other names are ignored.
 */
public final class InterfaceMapFile
{
    private InterfaceMapFile()
    {
    }

    /**
     * @throws IOException with a one-line message naming the file and line of a bad entry.
     */
    public static InterfaceClassifier classifier(final Path map, final List<String> wifiPrefixes,
        final List<String> cellularPrefixes) throws IOException
    {
        final List<String> wifi = new ArrayList<>();
        final List<String> cellular = new ArrayList<>();
        if (map != null)
        {
            int number = 0;
            for (final String line : Files.readAllLines(map))
            {
                number++;
                final String text = line.trim();
                if (text.isEmpty() || text.startsWith("#"))
                {
                    continue;
                }
                final int comma = text.indexOf(',');
                if (comma < 0)
                {
                    throw new IOException(map + ":" + number + ": expected 'address,interface'");
                }
                final String name = text.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
                if (name.equals("wifi") || name.startsWith("wlan"))
                {
                    wifi.add(text.substring(0, comma).trim());
                }
                else if (name.equals("cellular") || name.startsWith("rmnet") || name.startsWith("ccmni") ||
                    name.startsWith("wwan") || name.startsWith("pdp"))
                {
                    cellular.add(text.substring(0, comma).trim());
                }
            }
        }
        try
        {
            return new InterfaceClassifier(AddressPrefixes.parse(wifi), AddressPrefixes.parse(cellular),
                AddressPrefixes.parse(wifiPrefixes), AddressPrefixes.parse(cellularPrefixes));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException((map == null ? "" : map + " or prefixes: ") + ex.getMessage());
        }
    }
}
