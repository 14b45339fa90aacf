using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>Picks a free TCP port on 127.0.0.1 by letting the kernel choose one.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A port P with P..P+count-1 all free (and none of them in <paramref name="avoid"/>, ports already promised to
    /// something else), for a program that takes the ports after its own.
    /// </summary>
    public static int NextConsecutive(int count, IReadOnlySet<int>? avoid = null)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Next();
            var range = Enumerable.Range(port, count);
            if (port + count - 1 <= 65535 && !range.Any(p => avoid?.Contains(p) == true) && range.All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports found.");
    }

    /// <summary>Whether something could listen on <paramref name="port"/> on 127.0.0.1 now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
