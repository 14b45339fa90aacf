using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Platform.Interop.Client;

/// <summary>
/// Opens the channel the flags describe: h2c, or TLS that trusts either the system roots or, with
/// --use_test_ca, only the test CA. The certificate name is checked against --server_host_override when set.
/// </summary>
internal static class ChannelFactory
{
    /// <summary>The channel's only compression provider; the compression cases read its count.</summary>
    public static CountingGzipProvider Gzip { get; } = new();

    public static GrpcChannel Create(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = settings.ServerHost.Contains(':', StringComparison.Ordinal) ? $"[{settings.ServerHost}]" : settings.ServerHost;
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        var options = new GrpcChannelOptions { HttpHandler = handler, CompressionProviders = [Gzip] };
        if (!settings.UseTls)
        {
            return GrpcChannel.ForAddress($"http://{host}:{settings.ServerPort}", options);
        }

        var targetHost = settings.ServerHostOverride ?? settings.ServerHost;
        var roots = settings.UseTestCa ? LoadCa(settings.CaFile) : null;
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(certificate, chain, errors, roots, targetHost),
        };
        if (settings.ServerHostOverride is { } authority)
        {
            // SocketsHttpHandler takes both :authority and the TLS server name (SNI) from the Host header.
            options.HttpHandler = new AuthorityHandler($"{authority}:{settings.ServerPort}") { InnerHandler = handler };
        }

        return GrpcChannel.ForAddress($"https://{host}:{settings.ServerPort}", options);
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new UsageException($"Cannot read the CA file '{path}': {e.Message}", e);
        }

        return roots.Count > 0 ? roots : throw new UsageException($"The CA file '{path}' holds no PEM certificate.");
    }

    // The name is checked here too, so the verdict and its message do not depend on how the handler reports
    // name errors.
    private static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors,
        X509Certificate2Collection? roots, string targetHost)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Reject("the server sent no certificate");
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (!leaf.MatchesHostname(targetHost))
        {
            return Reject($"certificate '{leaf.Subject}' does not match host name '{targetHost}'");
        }

        if (roots is null)
        {
            return !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
                || Reject("the certificate chain does not lead to a trusted system root");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        return chain.Build(leaf)
            || Reject("the certificate chain does not lead to the test CA: "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
    }

    private static bool Reject(string reason)
    {
        Console.Error.WriteLine($"TLS: server certificate rejected: {reason}");
        return false;
    }

    /// <summary>Sends every request with this Host (the --server_host_override name) instead of the dialled address.</summary>
    private sealed class AuthorityHandler(string authority) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Host = authority;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
