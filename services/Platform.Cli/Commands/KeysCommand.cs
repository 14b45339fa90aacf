using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Cli.Keys;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>keys create|list|revoke</c>: the gateway's API keys. Locally they live in the data folder's keys file, which the
/// running gateway reloads; with <c>--kubernetes</c> the commands print the kubectl steps that change the gateway's
/// Secret instead (the gateway reads that Secret at start, so it is restarted).
/// </summary>
internal static partial class KeysCommand
{
    private static readonly string[] RoleNames = ["reader", "contributor", "resolver", "admin"];

    public static Command Create()
    {
        var command = new Command("keys", "Make, list and revoke the gateway's API keys (roles: reader, contributor, resolver, admin)");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        return command;
    }

    private static Option<string> DataDirectory() => new("--data-dir")
    {
        Description = "The platform's data folder, as given to the app host [default: $PLATFORM_DATA_DIR or ./.data]",
        HelpName = "path",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_DATA_DIR") is { Length: > 0 } dir ? dir : ".data",
    };

    private static Option<string> Name(string description)
    {
        var name = new Option<string>("--name") { Description = description, Required = true, HelpName = "name" };
        name.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>() ?? "";
            // The name becomes a configuration key (Gateway__ApiKeys__<name>__Sha256): no "__" inside it, no "_" at its end.
            if (!KeyName().IsMatch(value) || value.Contains("__", StringComparison.Ordinal) || value.EndsWith('_'))
            {
                result.AddError($"--name: '{value}' is not a key name: 1-64 letters, digits, '-' or '_' (no '__', not ending in '_'), starting with a letter or digit");
            }
            else if (value.Equals("local", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError("--name: 'local' is the app host's own admin key; choose another name");
            }
        });
        return name;
    }

    private static Option<bool> Kubernetes() => new("--kubernetes")
    {
        Description = "Print the kubectl commands that change the gateway's Secret (platform-api-keys) instead of the local keys file",
    };

    private static Command CreateKey()
    {
        var name = Name("A name for the key: who or what uses it (shown in logs and on every resolution it makes)");
        var roles = new Option<string[]>("--role")
        {
            Description = "Its role (repeat or separate with commas): reader reads, contributor also ingests, resolver also resolves and edits, admin does everything",
            Required = true,
            HelpName = "role",
            AllowMultipleArgumentsPerToken = true,
        };
        roles.Validators.Add(result =>
        {
            foreach (var role in Split(result.GetValueOrDefault<string[]>() ?? []).Where(r => !RoleNames.Contains(r)))
            {
                result.AddError($"--role: '{role}' is not a role (reader, contributor, resolver, admin)");
            }
        });
        var data = DataDirectory();
        var kubernetes = Kubernetes();
        var json = new Option<bool>("--json") { Description = "Print {name, roles, key} as JSON" };
        var command = new Command("create", "Make a key, print it once and store only its hash") { name, roles, data, kubernetes, json };
        command.SetAction(parse =>
        {
            var stored = new StoredKey(parse.GetValue(name)!, string.Join(',', Split(parse.GetValue(roles)!)), "", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            var key = KeyFile.NewKey();
            stored = stored with { Sha256 = KeyFile.HashOf(key) };
            if (!parse.GetValue(kubernetes))
            {
                var path = KeyFile.PathIn(parse.GetValue(data)!);
                var keys = KeyFile.Read(path);
                // Configuration keys ignore case: "Ops" and "ops" would be one key to the gateway.
                if (keys.Any(k => k.Name.Equals(stored.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    Output.Error($"a key named '{stored.Name}' exists already in {path}; revoke it first or choose another name");
                    return ExitCodes.Failed;
                }

                KeyFile.Write(path, [.. keys, stored]);
            }

            if (parse.GetValue(json))
            {
                System.Console.Out.WriteLine(new JsonObject { ["name"] = stored.Name, ["roles"] = stored.Roles, ["key"] = key }.ToJsonString());
            }
            else
            {
                Output.Line($"API key '{stored.Name}' ({stored.Roles}): {key}");
                Output.Line("It is shown only now: keep it somewhere safe. Send it as the x-api-key header (or PLATFORM_API_KEY for this command line).");
            }

            if (parse.GetValue(kubernetes))
            {
                System.Console.Error.WriteLine($"""
                    Add it to the gateway's Secret and restart the gateway, which reads its keys at start:
                      kubectl patch secret platform-api-keys --type merge -p '{new JsonObject { ["stringData"] = new JsonObject { [$"Gateway__ApiKeys__{stored.Name}__Sha256"] = stored.Sha256, [$"Gateway__ApiKeys__{stored.Name}__Roles"] = stored.Roles } }.ToJsonString()}'
                      kubectl rollout restart deployment/gateway
                    """);
            }
            else
            {
                Output.Hint($"stored as a hash in {KeyFile.PathIn(parse.GetValue(data)!)}; a running gateway takes it within seconds");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var data = DataDirectory();
        var json = new Option<bool>("--json") { Description = "Print the keys as JSON lines {name, roles, created}" };
        var command = new Command("list", "List the keys of the local keys file (names and roles; the keys themselves are not kept)") { data, json };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(data)!;
            var keys = KeyFile.Read(KeyFile.PathIn(directory));
            var local = File.Exists(Path.Combine(directory, "local-api-key"));
            if (parse.GetValue(json))
            {
                foreach (var key in keys)
                {
                    System.Console.Out.WriteLine(new JsonObject { ["name"] = key.Name, ["roles"] = key.Roles, ["created"] = key.Created }.ToJsonString());
                }

                return ExitCodes.Success;
            }

            var table = Output.Table("name", "roles", "created");
            if (local)
            {
                Output.Row(table, "local", "admin", "(the app host's own key, printed at start)");
            }

            foreach (var key in keys)
            {
                Output.Row(table, key.Name, key.Roles, key.Created ?? "");
            }

            Output.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var name = Name("The key to revoke");
        var data = DataDirectory();
        var kubernetes = Kubernetes();
        var command = new Command("revoke", "Revoke a key: the gateway refuses it from then on") { name, data, kubernetes };
        command.SetAction(parse =>
        {
            var revoked = parse.GetValue(name)!;
            if (parse.GetValue(kubernetes))
            {
                var patch = new JsonArray(
                    new JsonObject { ["op"] = "remove", ["path"] = $"/data/Gateway__ApiKeys__{revoked}__Sha256" },
                    new JsonObject { ["op"] = "remove", ["path"] = $"/data/Gateway__ApiKeys__{revoked}__Roles" });
                Output.Line($"""
                    kubectl patch secret platform-api-keys --type json -p '{patch.ToJsonString()}'
                    kubectl rollout restart deployment/gateway
                    """);
                return ExitCodes.Success;
            }

            var path = KeyFile.PathIn(parse.GetValue(data)!);
            var keys = KeyFile.Read(path);
            if (keys.RemoveAll(k => k.Name.Equals(revoked, StringComparison.OrdinalIgnoreCase)) == 0)
            {
                Output.Error($"no key named '{revoked}' in {path} ('platform keys list' shows them)");
                return ExitCodes.Failed;
            }

            KeyFile.Write(path, keys);
            Output.Line($"Revoked '{revoked}'; a running gateway refuses it within seconds.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex KeyName();
}
