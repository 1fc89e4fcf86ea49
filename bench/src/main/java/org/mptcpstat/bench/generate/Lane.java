package org.mptcpstat.bench.generate;

/**
 * One of the conversations in progress at a time: it runs them one after the other, each from
 * its own client addresses (one WiFi, one cellular, unique to the lane), so that concurrent
 * conversations never share a 4-tuple unless a plain TCP conversation reuses, on purpose, the
 * 4-tuple of the lane's previous one.
 */
final class Lane
{
    /** Lanes share 192.168.0.0/16 (WiFi) and 10.0.0.0/8 (cellular), one address of each per lane. */
    static final int MAX_LANES = 65_534;
    static final int WIFI_PREFIX = 0xC0A8_0000;
    static final int CELLULAR_PREFIX = 0x0A00_0000;
    private static final int FIRST_PORT = 32_768;
    private static final int PORTS = 28_232;

    final int number;
    final Conversation conversation = new Conversation();
    /** Capture time of the lane's next packet, and its place in the conversation's capture order. */
    long nextTime;
    int rank;
    private int nextPort;
    private boolean reusable;
    private int reuseInterface;
    private int reuseClientPort;
    private int reuseServerAddress;
    private int reuseServerPort;

    Lane(final int number)
    {
        this.number = number;
        this.nextPort = FIRST_PORT + number % PORTS;
    }

    int address(final int interfaceClass)
    {
        return (interfaceClass == Conversation.WIFI ? WIFI_PREFIX : CELLULAR_PREFIX) + number + 1;
    }

    /** @return a client port this lane has not used for the longest time. */
    int takePort()
    {
        final int port = nextPort;
        nextPort = port + 1 == FIRST_PORT + PORTS ? FIRST_PORT : port + 1;
        return port;
    }

    /** Offers the 4-tuple of a finished plain TCP conversation for reuse by the next one. */
    void offerForReuse(final Conversation finished)
    {
        reusable = true;
        reuseInterface = finished.interfaceClass[0];
        reuseClientPort = finished.clientPort[0];
        reuseServerAddress = finished.serverAddress[0];
        reuseServerPort = finished.serverPort[0];
    }

    void withdrawReuse()
    {
        reusable = false;
    }

    boolean reusable()
    {
        return reusable;
    }

    int reuseInterface()
    {
        return reuseInterface;
    }

    int reuseClientPort()
    {
        return reuseClientPort;
    }

    int reuseServerAddress()
    {
        return reuseServerAddress;
    }

    int reuseServerPort()
    {
        return reuseServerPort;
    }
}
