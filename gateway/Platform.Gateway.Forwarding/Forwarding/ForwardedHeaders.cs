using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>Which headers cross the gateway, in each direction, and the ones it adds.</summary>
internal static class ForwardedHeaders
{
    // Hop-by-hop (RFC 9110 §7.6.1) and HTTP/1-only headers that must not be forwarded, plus the caller's
    // credentials (backends trust the gateway's identity headers instead) and identity headers a caller might
    // try to forge.
    private static readonly HashSet<string> NotForwardedRequest = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding",
        "Upgrade", "Host", "Authorization", "x-api-key", "Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
        "X-Forwarded-Host", "x-platform-caller", "x-platform-roles", "traceparent", "tracestate",
    };

    private static readonly HashSet<string> NotForwardedResponse = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Trailer", "Transfer-Encoding", "Upgrade",
        "Alt-Svc",
    };

    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Content-Encoding", "Content-Language", "Content-Location", "Content-MD5",
        "Content-Range", "Content-Disposition", "Expires", "Last-Modified", "Allow",
    };

    public static void CopyRequest(HttpContext context, HttpRequestMessage outgoing, IEnumerable<KeyValuePair<string, string>> added)
    {
        var request = context.Request;
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith(':') || NotForwardedRequest.Contains(name))
            {
                continue;
            }

            if (ContentHeaders.Contains(name))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
            }
            else
            {
                outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
            }
        }

        if (GatewayErrors.IsGrpc(request))
        {
            outgoing.Headers.TryAddWithoutValidation("TE", "trailers");
        }

        // Without an activity of ours the handler writes no traceparent: pass the caller's on unchanged.
        if (Activity.Current is null)
        {
            foreach (var name in (string[])["traceparent", "tracestate"])
            {
                if (request.Headers.TryGetValue(name, out var value))
                {
                    outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)value!);
                }
            }
        }

        var clientAddress = context.Connection.RemoteIpAddress?.ToString();
        var forwardedFor = request.Headers["X-Forwarded-For"];
        outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For",
            clientAddress is null ? forwardedFor.ToString() : StringValues.IsNullOrEmpty(forwardedFor) ? clientAddress : $"{forwardedFor}, {clientAddress}");
        outgoing.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        outgoing.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);

        foreach (var (name, value) in added)
        {
            outgoing.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public static void CopyResponse(HttpResponseMessage incoming, HttpResponse response)
    {
        response.StatusCode = (int)incoming.StatusCode;
        Copy(incoming.Headers, response.Headers);
        Copy(incoming.Content.Headers, response.Headers);
    }

    private static void Copy(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from.NonValidated)
        {
            if (!NotForwardedResponse.Contains(name))
            {
                to.Append(name, values.Count == 1 ? new StringValues(values.ToString()) : new StringValues(values.ToArray()));
            }
        }
    }
}
