package org.mptcpstat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/** The {@code mptcpstat} command line: one sub-command per job. */
@Command(
    name = "mptcpstat",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Per-connection statistics for MPTCP and TCP packet captures.",
    subcommands = { AnalyzeCommand.class, SummaryCommand.class, ReportCommand.class, DecodeCommand.class, ConvertCommand.class,
        CommandLine.HelpCommand.class })
public final class Main implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Where commands write their tables and lines: bytes, not characters, for speed. */
    private final OutputStream out;
    /** Where {@code analyze -} reads its capture. */
    private final InputStream in;

    private Main(final InputStream in, final OutputStream out)
    {
        this.in = in;
        this.out = out;
    }

    public static void main(final String[] args)
    {
        final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.exit(run(args, out, new PrintWriter(System.err, true)));
    }

    /** Runs a command line; tests call this instead of {@link #main} to keep the JVM alive. */
    public static int run(final String[] args, final OutputStream out, final PrintWriter err)
    {
        return run(args, System.in, out, err);
    }

    /** Runs a command line with its own standard input. */
    public static int run(final String[] args, final InputStream in, final OutputStream out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new Main(in, out));
        final PrintWriter textOut = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        commandLine.setOut(textOut);
        // Users type tool and format names in lower case: --compat tstat.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            // Users get one line, never a stack trace (unless asked with --debug); the exit code says it failed.
            cmd.getErr().println("mptcpstat: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (cmd.getCommand() instanceof AnalyzeCommand analyze && analyze.debug())
            {
                ex.printStackTrace(cmd.getErr());
            }
            return ExitCodes.FAILED;
        });
        final Path config = configFile(args);
        if (config != null)
        {
            if (!Files.isReadable(config))
            {
                err.println("mptcpstat: --config " + config + ": cannot read file");
                return ExitCodes.USAGE;
            }
            commandLine.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(config.toFile()));
        }
        final int exitCode = commandLine.execute(args);
        textOut.flush();
        return exitCode;
    }

    /** The properties file must be known before parsing, since it supplies defaults to the parser. */
    private static Path configFile(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--config") && i + 1 < args.length)
            {
                return Paths.get(args[i + 1]);
            }
            if (args[i].startsWith("--config="))
            {
                return Paths.get(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    InputStream in()
    {
        return in;
    }

    OutputStream out()
    {
        return out;
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Reads the version Maven wrote into the jar, so there is one place to change it. */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion() throws IOException
        {
            final Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/mptcpstat-version.properties"))
            {
                if (in != null)
                {
                    properties.load(in);
                }
            }
            return new String[] { "mptcpstat " + properties.getProperty("version", "unknown") };
        }
    }
}
