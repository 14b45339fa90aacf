using Grpc.Core;
using Grpc.Net.Client;

namespace Platform.Interop.Client;

/// <summary>Runs a test case with a watchdog and turns whatever it throws into a one-line reason.</summary>
internal static class CaseRunner
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    /// <summary>Null when the case passed, otherwise why it failed.</summary>
    public static async Task<string?> RunAsync(InteropTestCase testCase, GrpcChannel channel)
    {
        try
        {
            await testCase.RunAsync(channel).WaitAsync(Watchdog);
            return null;
        }
        catch (InteropAssertionException e)
        {
            return e.Message;
        }
        catch (RpcException e)
        {
            return $"unexpected RPC failure: status {Check.Name(e.StatusCode)}, message {Check.Quote(e.Status.Detail)}";
        }
        catch (TimeoutException)
        {
            return $"the case did not finish within {Watchdog.TotalSeconds} s";
        }
        catch (Exception e)
        {
            return $"unexpected {e.GetType().Name}: {e.Message}";
        }
    }
}
