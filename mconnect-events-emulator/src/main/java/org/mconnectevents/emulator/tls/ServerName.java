package org.mconnectevents.emulator.tls;

import org.bouncycastle.util.IPAddress;

import org.bouncycastle.asn1.x509.GeneralName;

import java.util.regex.Pattern;

/**
 * How a configured server name goes into the server certificate: as an IP address when it reads as one (IPv4 or
 * IPv6, never looked up), else as a DNS name.
 */
public final class ServerName {

    /** RFC 1123 labels of letters, digits and inner hyphens, dot-separated, 253 characters at most. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private ServerName() {
    }

    /** Whether the name is an IPv4 or IPv6 address literal. */
    public static boolean isIpAddress(String name) {
        return IPAddress.isValidIPv4(name) || IPAddress.isValidIPv6(name);
    }

    /** The subject alternative name the certificate carries for this name. */
    static GeneralName alternativeName(String name) {
        return new GeneralName(isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }

    /** Whether the name is a host name a certificate can carry as a DNS alternative name. */
    public static boolean isDnsName(String name) {
        return DNS_NAME.matcher(name).matches();
    }
}
