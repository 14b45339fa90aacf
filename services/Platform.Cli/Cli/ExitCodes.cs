namespace Platform.Cli;

/// <summary>What <c>platform</c> exits with; scripts branch on these, so they are part of the interface.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>Some items failed, or the platform answered NOT_FOUND, INVALID_ARGUMENT or another refusal.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: an unknown option, a missing argument, a malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The gateway could not be reached, or answered UNAVAILABLE or DEADLINE_EXCEEDED.</summary>
    public const int Unreachable = 3;

    /// <summary>UNAUTHENTICATED or PERMISSION_DENIED: no key, a wrong key, or a key without the role.</summary>
    public const int Denied = 4;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public const string Summary =
        "Exit codes: 0 success; 1 some items failed, or a NOT_FOUND / INVALID_ARGUMENT answer; 2 usage error; " +
        "3 the gateway could not be reached, or answered UNAVAILABLE / DEADLINE_EXCEEDED; 4 UNAUTHENTICATED or PERMISSION_DENIED.";
}
