package org.mptcpstat.flowtable.mptcp;

import org.mptcpstat.flowtable.AddressPrefixes;

/**
 * Tells WiFi from cellular subflows by the phone's address: explicit address lists first
 * ({@code --iface-map}), then prefixes ({@code --wifi-prefix}, {@code --cell-prefix}).
 */
public final class InterfaceClassifier
{
    private final AddressPrefixes wifiAddresses;
    private final AddressPrefixes cellularAddresses;
    private final AddressPrefixes wifiPrefixes;
    private final AddressPrefixes cellularPrefixes;

    /**
     * @param wifiAddresses     addresses the interface map names as WiFi.
     * @param cellularAddresses addresses the interface map names as cellular.
     */
    public InterfaceClassifier(final AddressPrefixes wifiAddresses, final AddressPrefixes cellularAddresses,
        final AddressPrefixes wifiPrefixes, final AddressPrefixes cellularPrefixes)
    {
        this.wifiAddresses = wifiAddresses;
        this.cellularAddresses = cellularAddresses;
        this.wifiPrefixes = wifiPrefixes;
        this.cellularPrefixes = cellularPrefixes;
    }

    public static InterfaceClassifier none()
    {
        return new InterfaceClassifier(AddressPrefixes.none(), AddressPrefixes.none(), AddressPrefixes.none(),
            AddressPrefixes.none());
    }

    public InterfaceClass classify(final int ipVersion, final long high, final long low)
    {
        if (wifiAddresses.contains(ipVersion, high, low))
        {
            return InterfaceClass.WIFI;
        }
        if (cellularAddresses.contains(ipVersion, high, low))
        {
            return InterfaceClass.CELLULAR;
        }
        if (wifiPrefixes.contains(ipVersion, high, low))
        {
            return InterfaceClass.WIFI;
        }
        return cellularPrefixes.contains(ipVersion, high, low) ? InterfaceClass.CELLULAR : InterfaceClass.UNKNOWN;
    }
}
