using Grpc.Core;
using Platform.Contracts;

namespace Platform.Gateway.Security;

/// <summary>A refusal, as the status the caller gets; null means allowed.</summary>
public readonly record struct AccessDenied(StatusCode Status, string Message);

/// <summary>
/// Decides whether a caller may use a method: each method names the role it needs; public methods are open to
/// anonymous callers when anonymous reads are on. Credentials that were sent but are wrong are refused even for
/// public methods — a typo in a key should be noticed, not hidden.
/// </summary>
public static class AccessPolicy
{
    public static AccessDenied? Check(CallerFeature caller, MethodAccess method, bool anonymousReads)
    {
        if (caller.Failure is { } failure)
        {
            return new AccessDenied(StatusCode.Unauthenticated, failure);
        }

        if (caller.Caller.Anonymous)
        {
            return method.Public && anonymousReads
                ? null
                : new AccessDenied(StatusCode.Unauthenticated,
                    $"This method needs credentials with the {method.Role} role: send an API key in the x-api-key header or a bearer token.");
        }

        return Roles.Satisfies(caller.Caller.Roles, method.Role)
            ? null
            : new AccessDenied(StatusCode.PermissionDenied, $"{caller.Caller.Identity} does not have the {method.Role} role this method needs.");
    }

    /// <summary>The identity metadata the services trust (they record it on every write).</summary>
    public static KeyValuePair<string, string>[] IdentityHeaders(Caller caller) => caller.Anonymous
        ? []
        : [new(CallerMetadata.Identity, caller.Identity), new(CallerMetadata.Roles, string.Join(',', caller.Roles))];
}
