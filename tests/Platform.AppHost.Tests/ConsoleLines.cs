using System.Collections.Concurrent;
using System.Text;

namespace Platform.AppHost.Tests;

/// <summary>
/// What the app host prints on its console (<c>API key: …</c>, <c>Platform ready: …</c>), seen from the test: under
/// Aspire.Hosting.Testing its Program runs inside the test process, so its console is this process's. Installed once,
/// it passes every line on to the real console and keeps a copy. The tests run one at a time (AssemblyInfo.cs).
/// </summary>
internal static class ConsoleLines
{
    private static readonly ConcurrentQueue<string> Lines = new();
    private static readonly SemaphoreSlim LineArrived = new(0);
    private static int _installed;

    /// <summary>How many lines have been printed so far: a mark to look for later lines from.</summary>
    public static int Count
    {
        get
        {
            Install();
            return Lines.Count;
        }
    }

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            Console.SetOut(new Tee(Console.Out));
        }
    }

    /// <summary>The lines printed after <paramref name="mark"/> (a <see cref="Count"/> taken earlier).</summary>
    public static IReadOnlyList<string> Since(int mark) => [.. Lines.Skip(mark)];

    /// <summary>Waits for a line after <paramref name="mark"/> that matches, failing with the lines so far if none comes.</summary>
    public static async Task<string> WaitForAsync(int mark, Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Since(mark).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching console line within {timeout}. The host printed:\n{string.Join('\n', Since(mark))}");
            }

            await LineArrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    private sealed class Tee(TextWriter inner) : TextWriter
    {
        private readonly StringBuilder _partial = new();
        private readonly Lock _lock = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            inner.Write(value);
            lock (_lock)
            {
                if (value == '\n')
                {
                    Lines.Enqueue(_partial.ToString().TrimEnd('\r'));
                    _partial.Clear();
                    LineArrived.Release();
                }
                else
                {
                    _partial.Append(value);
                }
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "")
            {
                Write(c);
            }
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }

        public override void Flush() => inner.Flush();
    }
}
