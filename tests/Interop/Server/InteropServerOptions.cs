using System.Diagnostics.CodeAnalysis;

namespace Platform.Interop.Server;

/// <summary>The interop server's flags, in the form every gRPC interop server accepts (--flag=value or --flag value).</summary>
internal sealed class InteropServerOptions
{
    public const string GrpcTestData = "/usr/share/gocode/src/google.golang.org/grpc/testdata/";

    public int Port { get; private set; } = 50051;

    public bool UseTls { get; private set; }

    public string CertificateFile { get; private set; } = GrpcTestData + "server1.pem";

    public string KeyFile { get; private set; } = GrpcTestData + "server1.key";

    public static bool TryParse(string[] args, out InteropServerOptions options, [NotNullWhen(false)] out string? error)
    {
        options = new InteropServerOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i].TrimStart('-');
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq >= 0 ? arg[..eq] : arg;
            var value = eq >= 0 ? arg[(eq + 1)..] : (i + 1 < args.Length && !args[i + 1].StartsWith('-') ? args[++i] : "true");
            switch (name)
            {
                case "port" when int.TryParse(value, out var port) && port is >= 0 and <= 65535:
                    options.Port = port;
                    break;
                case "use_tls" when bool.TryParse(value, out var tls):
                    options.UseTls = tls;
                    break;
                case "tls_cert_file":
                    options.CertificateFile = value;
                    break;
                case "tls_key_file":
                    options.KeyFile = value;
                    break;
                default:
                    error = $"Unknown or invalid flag '{args[i]}'. Flags: --port=N --use_tls=true|false --tls_cert_file=PEM --tls_key_file=PEM";
                    return false;
            }
        }

        return true;
    }
}
