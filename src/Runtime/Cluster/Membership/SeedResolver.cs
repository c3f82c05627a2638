using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Arbor.Cluster.Membership;

/// <summary>Turns <see cref="ClusterOptions.DnsName"/> into node names: one <c>alive@address</c> per resolved address.</summary>
internal static class SeedResolver
{
    public static async Task<IReadOnlyList<string>> ResolveDnsAsync(ClusterOptions options, string ownAlive, CancellationToken cancellationToken)
    {
        if (options.DnsName is not { } dnsName)
        {
            return Array.Empty<string>();
        }

        var resolve = options.Resolve ?? ((name, token) => Dns.GetHostAddressesAsync(name, token));
        var addresses = await resolve(dnsName, cancellationToken).ConfigureAwait(false) ?? [];
        var alive = options.DnsNodeAlive ?? ownAlive;
        var names = new List<string>(addresses.Length);
        foreach (var address in addresses)
        {
            // Erlang node names carry IPv4 addresses as text; an IPv6 address has ':' which a node name cannot hold.
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                names.Add(alive + "@" + address);
            }
        }

        return names;
    }
}
