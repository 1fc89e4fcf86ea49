package org.mptcpstat.cli.decode;

import org.mptcpstat.parser.capture.CaptureReader;
import org.mptcpstat.parser.capture.CaptureReaders;
import org.mptcpstat.parser.capture.PacketRecord;
import org.mptcpstat.parser.packet.DecodeStatus;
import org.mptcpstat.parser.packet.PacketDecoder;
import org.mptcpstat.parser.packet.TcpPacket;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints every TCP packet of some captures as {@code decode} lines: a header line, then one
 * line per packet, frame numbers counting every record of its capture as tshark does.
 */
public final class PacketPrinter
{
    private final DecodeColumn[] columns;
    private final PacketRecord record = new PacketRecord();
    private final PacketDecoder decoder = new PacketDecoder();
    private final TcpPacket packet = new TcpPacket();
    private final DecodeRow row = new DecodeRow();

    /**
     * @param fields column names to print, in that order; empty for all.
     * @throws IllegalArgumentException naming the first unknown field.
     */
    public PacketPrinter(final List<String> fields)
    {
        if (fields.isEmpty())
        {
            columns = DecodeColumn.values();
        }
        else
        {
            columns = new DecodeColumn[fields.size()];
            for (int i = 0; i < columns.length; i++)
            {
                columns[i] = DecodeColumn.byHeader(fields.get(i).trim());
            }
        }
    }

    /** @return every column name, in default order, for help texts. */
    public static String allFields()
    {
        final StringBuilder names = new StringBuilder();
        for (final DecodeColumn column : DecodeColumn.values())
        {
            names.append(names.length() == 0 ? "" : ",").append(column.header());
        }
        return names.toString();
    }

    /**
     * @return true when every capture was read to its end; false when one could not be opened or
     * ended early (each reported on {@code err} in one line, the others still printed).
     */
    public boolean print(final List<Path> captures, final OutputStream out, final PrintWriter err) throws IOException
    {
        writeHeader(out);
        boolean allRead = true;
        for (final Path capture : captures)
        {
            allRead &= print(capture, out, err);
        }
        out.flush();
        return allRead;
    }

    private boolean print(final Path capture, final OutputStream out, final PrintWriter err) throws IOException
    {
        try (CaptureReader reader = CaptureReaders.open(capture))
        {
            while (reader.next(record))
            {
                if (decoder.decode(record, packet) == DecodeStatus.TCP)
                {
                    row.fill(packet);
                    row.writeTo(columns, out);
                }
            }
            if (reader.fault() != null)
            {
                err.println("mptcpstat: " + capture + ": " + reader.fault() + " (packets before it were printed)");
                return false;
            }
            return true;
        }
        catch (final NoSuchFileException ex)
        {
            err.println("mptcpstat: " + capture + ": no such file");
        }
        catch (final IOException ex)
        {
            err.println("mptcpstat: " + capture + ": " + ex.getMessage());
        }
        return false;
    }

    private void writeHeader(final OutputStream out) throws IOException
    {
        for (int c = 0; c < columns.length; c++)
        {
            if (c > 0)
            {
                out.write('\t');
            }
            out.write(columns[c].header().getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\n');
    }
}
