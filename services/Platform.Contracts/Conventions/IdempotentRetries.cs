using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Platform.Contracts;

/// <summary>
/// The platform's client retry rule, read from the contracts rather than written per method: a call is retried
/// after UNAVAILABLE only when its proto says it is safe to repeat (<c>option idempotency_level = IDEMPOTENT</c>
/// or <c>NO_SIDE_EFFECTS</c>). grpc-dotnet applies the policy with bounded attempts, jittered exponential backoff,
/// within the call's deadline, and never after response headers have arrived.
/// </summary>
public static class IdempotentRetries
{
    /// <summary>A service config with one retry policy for the idempotent methods of <paramref name="services"/>.</summary>
    public static ServiceConfig ServiceConfigFor(int maxAttempts, params ServiceDescriptor[] services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var config = new ServiceConfig();
        if (maxAttempts < 2)
        {
            return config;
        }

        var methods = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = Math.Min(maxAttempts, 5), // grpc-dotnet caps attempts at 5
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(2),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var method in services.SelectMany(s => s.Methods).Where(IsSafeToRepeat))
        {
            methods.Names.Add(new MethodName { Service = method.Service.FullName, Method = method.Name });
        }

        if (methods.Names.Count > 0)
        {
            config.MethodConfigs.Add(methods);
        }

        return config;
    }

    /// <summary>Channel options whose service config retries the idempotent methods of <paramref name="services"/>.</summary>
    public static GrpcChannelOptions Apply(GrpcChannelOptions options, int maxAttempts, params ServiceDescriptor[] services)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServiceConfig = ServiceConfigFor(maxAttempts, services);
        return options;
    }

    public static bool IsSafeToRepeat(MethodDescriptor method) =>
        method?.GetOptions()?.IdempotencyLevel is MethodOptions.Types.IdempotencyLevel.Idempotent
            or MethodOptions.Types.IdempotencyLevel.NoSideEffects;
}
