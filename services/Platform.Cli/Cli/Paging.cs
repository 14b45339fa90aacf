using System.CommandLine;

namespace Platform.Cli;

/// <summary>The --page-size and --page-token options of the list commands (the server checks the range and says so).</summary>
internal static class Paging
{
    public static Option<int> PageSize(string range)
    {
        var option = new Option<int>("--page-size") { Description = $"Items per page, {range}", HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--page-size: must not be negative");
            }
        });
        return option;
    }

    public static Option<string?> PageToken() =>
        new("--page-token") { Description = "The token a previous page ended with, for the next page", HelpName = "token" };
}
