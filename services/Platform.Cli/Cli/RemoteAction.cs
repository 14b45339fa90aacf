using System.CommandLine;
using System.Text;
using Grpc.Core;
using Platform.Client;

namespace Platform.Cli;

/// <summary>What a remote command's body gets: the client, the output mode and the cancellation of the run.</summary>
internal sealed class RemoteContext(PlatformClient platform, bool json, TimeSpan? explicitTimeout, CancellationToken cancellationToken)
{
    public PlatformClient Platform { get; } = platform;

    public bool Json { get; } = json;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Options for a unary call: the client adds the key and the --timeout deadline.</summary>
    public CallOptions Call => new(cancellationToken: CancellationToken);

    /// <summary>Options for a streaming call, which the client leaves without a deadline unless --timeout was given.</summary>
    public CallOptions StreamingCall => explicitTimeout is { } timeout ? Call.WithDeadline(DateTime.UtcNow + timeout) : Call;
}

/// <summary>
/// Runs a remote command's body and turns what can go wrong into one line on stderr and an exit code:
/// refusals (1), an unusable command line (2), an unreachable gateway (3), missing rights (4).
/// </summary>
internal static class RemoteAction
{
    public const string CredentialsHint = "set --api-key or PLATFORM_API_KEY; resolving needs the resolver role";

    /// <summary>Adds the remote options to <paramref name="command"/> and runs <paramref name="body"/> as its action.</summary>
    public static void SetRemoteAction(this Command command, Func<ParseResult, RemoteContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        var remote = new RemoteOptions();
        remote.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(remote, parse, body, cancellationToken));
    }

    private static async Task<int> RunAsync(RemoteOptions remote, ParseResult parse, Func<ParseResult, RemoteContext, Task<int>> body, CancellationToken cancellationToken)
    {
        if (remote.ClientOptions(parse, out var problem) is not { } options)
        {
            Output.Error(problem!);
            return ExitCodes.Usage;
        }

        using var platform = PlatformClient.Create(options);
        try
        {
            return await body(parse, new RemoteContext(platform, parse.GetValue(remote.Json), remote.ExplicitTimeout(parse), cancellationToken));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            Output.Error("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (RpcException e)
        {
            return Report(e, platform.Gateway);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Output.Error("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (UsageException e)
        {
            Output.Error(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Output.Error(e.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>Writes the failed call as one line on stderr (and the credentials hint when that is the problem); returns the exit code.</summary>
    public static int Report(RpcException failure, Uri gateway)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var code = ExitCode(failure.StatusCode);
        Output.Error(Describe(failure, gateway));
        if (code == ExitCodes.Denied)
        {
            Output.Hint(CredentialsHint);
        }

        return code;
    }

    public static int ExitCode(StatusCode code) => code switch
    {
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.Denied,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ExitCodes.Unreachable,
        _ => ExitCodes.Failed,
    };

    /// <summary>"CODE: detail", with the gateway named when the problem is reaching it.</summary>
    public static string Describe(RpcException failure, Uri gateway)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var detail = failure.Status.Detail;
        return failure.StatusCode switch
        {
            StatusCode.Unavailable => $"the gateway at {gateway} is unreachable or unavailable: {detail}",
            StatusCode.DeadlineExceeded => $"no answer from the gateway at {gateway} in time (raise --timeout): {detail}",
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => $"{CodeName(failure.StatusCode)} from the gateway at {gateway}: {detail}",
            _ => $"{CodeName(failure.StatusCode)}: {detail}",
        };
    }

    /// <summary>The canonical upper-case name: InvalidArgument → INVALID_ARGUMENT.</summary>
    public static string CodeName(StatusCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}

/// <summary>A value on the command line that its option's parser could not judge alone (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
