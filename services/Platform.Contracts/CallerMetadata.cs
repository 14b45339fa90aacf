namespace Platform.Contracts;

/// <summary>
/// The metadata the gateway sets on every call it forwards, after it has authenticated the caller. Services
/// record the identity on every write a person makes (resolutions, edits, merges) and never trust these
/// headers from anywhere but the gateway (the network policies let only the gateway reach them).
/// </summary>
public static class CallerMetadata
{
    /// <summary>Who is calling: the API key's name or the token's subject.</summary>
    public const string Identity = "x-platform-caller";

    /// <summary>The caller's roles, comma-separated: reader, contributor, resolver, admin.</summary>
    public const string Roles = "x-platform-roles";
}
