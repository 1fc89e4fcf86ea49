package org.mptcpstat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where tests find the committed captures and golden files, and the optional shared captures. */
public final class TestData
{
    private TestData()
    {
    }

    /** @return the repository's {@code testdata/} folder. */
    public static Path root()
    {
        return Paths.get(System.getProperty("mptcpstat.testdata", "../testdata")).toAbsolutePath().normalize();
    }

    /** @return the public MPTCP v0 captures folder beside the checkout; it may not exist. */
    public static Path sharedPublicV0()
    {
        return Paths.get(System.getProperty("mptcpstat.sharedCaptures", "../../shared/captures"))
            .resolve("public-v0").toAbsolutePath().normalize();
    }

    /**
     * @return a CSV table's text with its rows sorted after the header: analyzed on several threads
     * (as a gzip capture or standard input may be), a capture's rows come in an order of their own.
     */
    public static String sortedRows(final String csv)
    {
        final List<String> lines = csv.lines().collect(Collectors.toList());
        final List<String> rows = lines.subList(1, lines.size());
        rows.sort(null);
        return String.join("\n", lines) + "\n";
    }

    /** @return every capture file in a folder (pcap, pcapng, gzip), sorted by name. */
    public static List<Path> capturesIn(final Path folder) throws IOException
    {
        if (!Files.isDirectory(folder))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder))
        {
            return files
                .filter(f -> f.getFileName().toString().matches(".*\\.(pcap|pcapng|gz)"))
                .sorted()
                .collect(Collectors.toList());
        }
    }
}
