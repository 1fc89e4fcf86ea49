package org.mptcpstat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library example in README.md compiles against the public API and does what it says: the
 * test takes the README's Java block as it is, compiles it and runs it on the sample capture.
 */
class ReadmeLibraryExampleTest
{
    private static final String CLASS_NAME = "BytesPerConnection";

    @TempDir
    Path dir;

    @Test
    void shouldCompileAndRunTheReadmeLibraryExample() throws Exception
    {
        final Path source = Files.createDirectories(dir.resolve("src")).resolve(CLASS_NAME + ".java");
        Files.writeString(source, javaBlockOf(TestData.root().resolveSibling("README.md")));
        final Path classes = Files.createDirectories(dir.resolve("classes"));
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        final int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
            "-cp", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

        final String printed = runMain(classes, TestData.root().resolve("captures/sample.pcap").toString(),
            dir.resolve("out").toString());

        // The sample: two MPTCP connections of two subflows each, and one plain TCP connection.
        assertTrue(printed.endsWith("5 TCP, 2 MPTCP connections\n"), printed);
        final long tableRows = Files.readAllLines(dir.resolve("out/tcp_connections.csv")).size() - 1;
        assertEquals(tableRows + 1, printed.lines().count(), "one line per connection, then the totals: " + printed);
    }

    private static String javaBlockOf(final Path readme) throws IOException
    {
        final String text = Files.readString(readme);
        final int start = text.indexOf("```java\n") + "```java\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    private static String runMain(final Path classes, final String... args) throws Exception
    {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
            ReadmeLibraryExampleTest.class.getClassLoader()))
        {
            final Method main = loader.loadClass(CLASS_NAME).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object)args);
        }
        finally
        {
            System.setOut(stdout);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
