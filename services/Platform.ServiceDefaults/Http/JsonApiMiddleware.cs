using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using HttpRule = Google.Api.HttpRule;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The platform's REST behaviour over JSON transcoding, for non-gRPC requests; runs after routing. On a transcoded
/// route it refuses unknown query parameters and body fields (transcoding ignores them), answers every error as
/// <see cref="JsonErrorBody"/> with the platform's HTTP status, and marks responses <c>Cache-Control: no-store</c>.
/// A request no route matched gets a JSON 404, or a 405 with <c>Allow</c> when the path has a route for other methods.
/// </summary>
internal sealed class JsonApiMiddleware(RequestDelegate next, IOptions<GrpcServiceOptions> grpcOptions, EndpointDataSource endpoints)
{
    private readonly long _maxBodyBytes = grpcOptions.Value.MaxReceiveMessageSize ?? long.MaxValue;
    private readonly TranscodedRoutes _routes = new(endpoints);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoded
            ? TranscodedAsync(context, transcoded.MethodDescriptor, transcoded.HttpRule)
            : OtherAsync(context, endpoint);
    }

    private async Task TranscodedAsync(HttpContext context, MethodDescriptor method, HttpRule rule)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }, context.Response);

        var problem = JsonRequestChecks.CheckQuery(context.Request.Query, method, rule) is { } query
            ? new Refusal(query)
            : rule.Body.Length > 0 ? await PrepareBodyAsync(context, method, rule) : null;
        if (problem is not null)
        {
            await JsonErrorBody.WriteAsync(context, problem.Code, problem.Message);
            return;
        }

        var prior = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var capture = new ErrorCaptureStream(prior.Stream, context.Response);
        var body = new StreamResponseBodyFeature(capture, prior);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            context.Features.Set(prior);
        }

        if (capture.Captured is { } error && !context.Response.HasStarted)
        {
            var (code, message, httpStatus) = ReadError(error, context.Response.StatusCode);
            await JsonErrorBody.WriteAsync(context, code, message, httpStatus);
        }
    }

    private async Task OtherAsync(HttpContext context, Endpoint? endpoint)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.ContentLength > 0 || !(response.StatusCode == 405 || (response.StatusCode == 404 && endpoint is null)))
        {
            return;
        }

        var request = context.Request;
        var allowed = _routes.MethodsFor(request.Path);
        if (allowed.Count > 0 || response.StatusCode == 405)
        {
            if (allowed.Count > 0)
            {
                response.Headers.Allow = string.Join(", ", allowed);
            }

            await JsonErrorBody.WriteAsync(context, StatusCode.Unimplemented,
                $"{request.Method} is not allowed on {request.Path}; use {string.Join(" or ", response.Headers.Allow.ToString().Split(", "))}.",
                StatusCodes.Status405MethodNotAllowed);
            return;
        }

        await JsonErrorBody.WriteAsync(context, StatusCode.NotFound, $"There is no API route {request.Method} {request.Path}.");
    }

    /// <summary>
    /// Reads the JSON body (bounded by the service's receive limit), refuses it when it is not JSON or does not fit
    /// the message, and puts it back for transcoding. An empty body is read as <c>{}</c>.
    /// </summary>
    private async Task<Refusal?> PrepareBodyAsync(HttpContext context, MethodDescriptor method, HttpRule rule)
    {
        var request = context.Request;
        request.ContentType ??= MediaTypeNames.Application.Json;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !(type.MediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return null; // transcoding refuses it, naming the content type
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > _maxBodyBytes)
            {
                return new Refusal($"The request body is over the service's limit of {_maxBodyBytes} bytes.", StatusCode.ResourceExhausted);
            }

            buffer.Write(chunk, 0, read);
        }

        var encoding = Encoding.UTF8;
        // charset="utf-8" is as valid as charset=utf-8; transcoding reads only the unquoted form, so it is given that.
        var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value;
        if (!string.IsNullOrEmpty(charset) && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                return new Refusal($"The request body's charset '{charset}' is not supported: send UTF-8.");
            }
        }

        if (type.Charset.HasValue)
        {
            request.ContentType = $"{type.MediaType}; charset={encoding.WebName}";
        }

        var bytes = buffer.ToArray();
        var text = encoding.GetString(bytes);
        if (string.IsNullOrWhiteSpace(text) && (rule.Body == "*" || method.InputType.FindFieldByName(rule.Body) is { IsRepeated: false, FieldType: FieldType.Message }))
        {
            text = "{}";
            bytes = encoding.GetBytes(text);
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (JsonRequestChecks.CheckBody(json.RootElement, method, rule) is { } problem)
            {
                return new Refusal(problem);
            }
        }
        catch (JsonException e)
        {
            return new Refusal($"The request body is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // A property name or map key holding a lone \ud800-style escape (values are caught by JsonRequestChecks).
            return new Refusal("The request body has a property name holding half of a UTF-16 surrogate pair (such as \\ud800 alone): send whole characters.");
        }

        request.Body = new MemoryStream(bytes, writable: false);
        request.ContentLength = bytes.Length;
        return null;
    }

    /// <summary>The code and message of the google.rpc.Status transcoding wrote; for any other error body, a code matching the HTTP status.</summary>
    private static (StatusCode Code, string Message, int? HttpStatus) ReadError(MemoryStream error, int httpStatus)
    {
        var bytes = error.GetBuffer().AsMemory(0, (int)error.Length);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.TryGetInt32(out var number) && number is > 0 and <= 16)
            {
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
                return ((StatusCode)number, message, null);
            }
        }
        catch (JsonException)
        {
            // not JSON: pass its text on below
        }

        var text = Encoding.UTF8.GetString(bytes.Span).Trim();
        return (JsonErrorBody.CodeFor(httpStatus), text.Length > 0 ? text : ReasonPhrases.GetReasonPhrase(httpStatus), httpStatus);
    }

    private sealed record Refusal(string Message, StatusCode Code = StatusCode.InvalidArgument);
}
