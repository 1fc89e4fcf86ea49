package org.mptcpstat.cli.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the command line's files and folders into the captures to analyze, each with the name
 * of its output folder: the file name without {@code .gz}, then without {@code .pcap},
 * {@code .pcapng} or {@code .cap}. Folders are walked recursively in name order; their files are
 * taken when they start like a capture (pcap or pcapng magic, or gzip) and their name contains one
 * of the patterns (if any), so that notes, scripts or earlier tables beside the captures are left
 * alone. Files named on the command line are always taken; {@code -} is standard input, whose
 * tables go to the folder {@code stdin}.
 */
final class InputCaptures
{
    /** The capture read from standard input: the command line's {@code -}. */
    static final Path STANDARD_INPUT = Path.of("-");
    private static final String STANDARD_INPUT_NAME = "stdin";

    private static final int PCAP_MICROS = 0xA1B2C3D4;
    private static final int PCAP_NANOS = 0xA1B23C4D;
    private static final int PCAPNG_SECTION = 0x0A0D0D0A;

    private InputCaptures()
    {
    }

    /**
     * @return captures in a stable order, mapped to unique output names; a name taken twice gets a
     * {@code -2}, {@code -3}... suffix.
     * @throws IOException naming an input that does not exist or cannot be listed.
     */
    static Map<Path, String> expand(final List<Path> inputs, final List<String> patterns) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        final Map<Path, String> names = new LinkedHashMap<>();
        final Set<String> taken = new HashSet<>();
        for (final Path input : inputs)
        {
            if (input.equals(STANDARD_INPUT))
            {
                names.put(STANDARD_INPUT, STANDARD_INPUT_NAME);
                taken.add(STANDARD_INPUT_NAME);
            }
            else if (Files.isDirectory(input))
            {
                try (Stream<Path> walk = Files.walk(input))
                {
                    walk.filter(Files::isRegularFile).filter(f -> matches(f, patterns)).filter(InputCaptures::looksLikeCapture)
                        .sorted().forEach(files::add);
                }
                catch (final UncheckedIOException ex)
                {
                    throw new IOException(input + ": cannot list folder: " + ex.getCause().getMessage());
                }
            }
            else if (Files.exists(input))
            {
                files.add(input);
            }
            else
            {
                throw new IOException(input + ": no such file or folder");
            }
        }
        for (final Path file : files)
        {
            final Path normalized = file.toAbsolutePath().normalize();
            if (names.containsKey(normalized))
            {
                continue;
            }
            final String base = outputName(file.getFileName().toString());
            String name = base;
            for (int n = 2; !taken.add(name); n++)
            {
                name = base + "-" + n;
            }
            names.put(normalized, name);
        }
        return names;
    }

    static String outputName(final String fileName)
    {
        String name = fileName;
        if (name.toLowerCase(Locale.ROOT).endsWith(".gz"))
        {
            name = name.substring(0, name.length() - 3);
        }
        for (final String extension : new String[] { ".pcapng", ".pcap", ".cap" })
        {
            if (name.toLowerCase(Locale.ROOT).endsWith(extension))
            {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }

    /** @return whether the file starts with a pcap, pcapng or gzip magic number. */
    private static boolean looksLikeCapture(final Path file)
    {
        final byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file))
        {
            if (in.readNBytes(head, 0, 4) < 4)
            {
                return false;
            }
        }
        catch (final IOException ex)
        {
            // Unreadable: take it, so that its analysis reports why in one line.
            return true;
        }
        final int magic = ByteBuffer.wrap(head).getInt();
        return magic == PCAP_MICROS || magic == PCAP_NANOS || Integer.reverseBytes(magic) == PCAP_MICROS ||
            Integer.reverseBytes(magic) == PCAP_NANOS || magic == PCAPNG_SECTION ||
            ((head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B);
    }

    private static boolean matches(final Path file, final List<String> patterns)
    {
        if (patterns.isEmpty())
        {
            return true;
        }
        final String name = file.getFileName().toString();
        for (final String pattern : patterns)
        {
            if (name.contains(pattern))
            {
                return true;
            }
        }
        return false;
    }
}
