namespace Platform.Gateway.Security;

/// <summary>
/// The four roles. Every role may read; admin may do everything. Contributor (ingest) and resolver
/// (resolve and edit forecasts) are separate: a newsroom's ingest job has no business resolving forecasts.
/// </summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Contributor = "contributor";
    public const string Resolver = "resolver";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Reader, Contributor, Resolver, Admin];

    public static bool Satisfies(IReadOnlyCollection<string> held, string required) =>
        held.Contains(Admin) || held.Contains(required) || (required == Reader && held.Count > 0);

    public static string[] Parse(string commaSeparated, string where)
    {
        var roles = commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var role in roles)
        {
            if (role is not (Reader or Contributor or Resolver or Admin))
            {
                throw new InvalidOperationException($"{where}: '{role}' is not a role (reader, contributor, resolver, admin).");
            }
        }

        return roles;
    }
}
