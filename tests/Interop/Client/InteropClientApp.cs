using Grpc.Net.Client;

namespace Platform.Interop.Client;

/// <summary>Exit codes: 0 every selected case passed, 1 a case failed, 2 bad arguments.</summary>
internal static class InteropClientApp
{
    private const int Passed = 0;
    private const int Failed = 1;
    private const int BadArguments = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        ClientSettings settings;
        IReadOnlyList<InteropTestCase> cases;
        try
        {
            settings = CommandLine.Parse(args);
            if (settings.ShowHelp)
            {
                Console.WriteLine(CommandLine.Usage);
                return Passed;
            }

            cases = TestCaseCatalog.Select(settings.TestCase);
            using var channel = ChannelFactory.Create(settings);
            return await RunCasesAsync(cases, channel);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            await Console.Error.WriteLineAsync(CommandLine.Usage);
            return BadArguments;
        }
    }

    private static async Task<int> RunCasesAsync(IReadOnlyList<InteropTestCase> cases, GrpcChannel channel)
    {
        var failures = 0;
        foreach (var testCase in cases)
        {
            var failure = await CaseRunner.RunAsync(testCase, channel);
            if (failure is null)
            {
                Console.WriteLine($"{testCase.Name}: PASS");
            }
            else
            {
                failures++;
                await Console.Error.WriteLineAsync($"{testCase.Name}: FAIL {failure}");
            }
        }

        if (cases.Count > 1)
        {
            Console.WriteLine($"{cases.Count - failures} passed, {failures} failed");
        }

        return failures == 0 ? Passed : Failed;
    }
}
