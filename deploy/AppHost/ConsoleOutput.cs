namespace Platform.AppHost;

/// <summary>Serialises the children's output lines onto one console, each prefixed with its service name.</summary>
internal sealed class ConsoleOutput
{
    private readonly Lock _gate = new();

    public void WriteLine(string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            Console.Out.WriteLine($"[{source}] {line}");
        }
    }

    public void Host(string line)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(line);
        }
    }
}
