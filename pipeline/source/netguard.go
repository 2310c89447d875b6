package source

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// nonPublic are address ranges refused unless Options.AllowPrivate, beyond what
// netip.Addr's IsPrivate/IsLoopback/IsLinkLocal*/IsMulticast/IsUnspecified cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network", RFC 1122 §3.2.1.3
	netip.MustParsePrefix("100.64.0.0/10"),  // shared address space (carrier-grade NAT), RFC 6598
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments, RFC 6890
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking, RFC 2544
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved and limited broadcast, RFC 1112 §4
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation, RFC 8215
}

// isPublic reports whether ip may be fetched by default: not loopback, private, link-local,
// multicast, unspecified or one of nonPublic (IPv4-mapped IPv6 addresses judged as IPv4).
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// guardDial is a net.Dialer Control function: it runs after DNS resolution on the address
// actually connected to, for every connection (redirects and robots.txt included), and refuses
// non-public addresses with ErrBlockedAddress.
func guardDial(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %q: %v", ErrBlockedAddress, address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %q: %v", ErrBlockedAddress, address, err)
	}
	if !isPublic(ip) {
		return fmt.Errorf("%w: %s (set fetch.allow_private for intranet use)", ErrBlockedAddress, ip)
	}
	return nil
}
