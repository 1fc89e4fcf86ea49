package org.mptcpstat.cli;

import org.mptcpstat.cli.decode.PacketPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mptcpstat decode}: the parser's view of every TCP packet, in tshark's field formats. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = "Print one tab-separated line per TCP packet: frame, time (ns), addresses, ports, " +
        "sequence and acknowledgment numbers, flags, window, payload length (from the IP header), TCP options " +
        "and every MPTCP option field, formatted as tshark prints the fields of the same names. Several values " +
        "in one packet are joined by commas; absent values are empty.")
final class DecodeCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @Option(names = "--fields", split = ",", paramLabel = "LIST",
        description = "Columns to print, in this order (default: all). Known: ${sys:mptcpstat.decodeFields}")
    private List<String> fields = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "pcap or pcapng files, plain or gzip.")
    private List<Path> captures;

    static
    {
        System.setProperty("mptcpstat.decodeFields", PacketPrinter.allFields());
    }

    @Override
    public Integer call() throws Exception
    {
        final PacketPrinter printer;
        try
        {
            printer = new PacketPrinter(fields);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage() + " in --fields");
        }
        final boolean allRead = printer.print(captures, main.out(), spec.commandLine().getErr());
        return allRead ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
