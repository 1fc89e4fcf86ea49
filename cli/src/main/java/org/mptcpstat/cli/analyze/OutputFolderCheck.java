package org.mptcpstat.cli.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps {@code analyze} from writing over its own inputs: the output folder may not be an input,
 * an input file, or lie inside an input folder, and no input file named on the command line may
 * lie where tables are written (OUTPUT/NAME/*.csv or *.bin). Paths are compared after resolving symbolic links
 * (for an output folder that does not exist yet, those of its nearest existing parent).
 */
public final class OutputFolderCheck
{
    private OutputFolderCheck()
    {
    }

    /** @return one line saying why the output folder is refused, or null when it is safe. */
    public static String problem(final Path output, final List<Path> inputs)
    {
        final Path out = realPath(output);
        for (final Path input : inputs)
        {
            if (!Files.exists(input))
            {
                continue;
            }
            final Path in = realPath(input);
            if (out.equals(in))
            {
                return "output " + output + " is the input " + input;
            }
            if (Files.isDirectory(in) && out.startsWith(in))
            {
                return "output " + output + " lies inside the input folder " + input;
            }
            if (!Files.isDirectory(in) && out.startsWith(in))
            {
                return "output " + output + " is the input file " + input;
            }
            if (!Files.isDirectory(in) && writtenByAnalysis(out, in))
            {
                return "input " + input + " lies where output " + output + " gets its tables";
            }
        }
        return null;
    }

    /** Tables go to OUTPUT/capture/table.csv or .bin: an input there could be overwritten. */
    private static boolean writtenByAnalysis(final Path out, final Path in)
    {
        final String name = in.getFileName().toString();
        return in.getParent() != null && out.equals(in.getParent().getParent()) &&
            (name.endsWith(".csv") || name.endsWith(".bin"));
    }

    /** The real path of the nearest existing ancestor, with the rest appended; never throws. */
    static Path realPath(final Path path)
    {
        final Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return absolute;
        }
        try
        {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        }
        catch (final IOException ex)
        {
            return absolute;
        }
    }
}
