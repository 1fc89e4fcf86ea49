package org.mptcpstat.cli.compat.mptcptrace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * Where one capture's mptcptrace files are written until the capture is complete: a hidden
 * folder inside its output folder. Files are many (several per connection) and written as
 * connections end, so they are moved into place together at the end; being in the same file
 * system, each move is a rename.
 */
final class StagingFolder
{
    private static final String NAME = ".mptcptrace.tmp";

    private final Path outputFolder;
    private final Path folder;

    /** Creates the folder, emptying what a crashed run left there. */
    StagingFolder(final Path outputFolder) throws IOException
    {
        this.outputFolder = outputFolder;
        this.folder = outputFolder.resolve(NAME);
        deleteFolder(folder);
        Files.createDirectories(folder);
    }

    Path file(final String name)
    {
        return folder.resolve(name);
    }

    /**
     * Moves every file into the output folder, after deleting there the files that {@code stale}
     * names (those of an earlier run, which this run's may not all replace), then deletes the folder.
     */
    void commit(final Predicate<String> stale) throws IOException
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outputFolder, f -> stale.test(name(f))))
        {
            for (final Path file : files)
            {
                Files.delete(file);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder))
        {
            for (final Path file : files)
            {
                Files.move(file, outputFolder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.delete(folder);
    }

    /** Deletes the folder and what is in it; never throws, as it runs while an error unwinds. */
    void abort()
    {
        try
        {
            deleteFolder(folder);
        }
        catch (final IOException ignored)
        {
            // Its hidden name keeps it out of the way; the next run into this folder empties it.
        }
    }

    private static String name(final Path file)
    {
        return file.getFileName().toString();
    }

    private static void deleteFolder(final Path folder) throws IOException
    {
        if (!Files.isDirectory(folder))
        {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder))
        {
            for (final Path file : files)
            {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }
}
