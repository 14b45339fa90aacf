using System.Runtime.CompilerServices;

namespace Platform.Grpc;

public static class StreamReaderExtensions
{
    /// <summary>Reads every remaining message: <c>await foreach (var m in reader.ReadAllAsync(ct))</c>.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken))
        {
            yield return reader.Current;
        }
    }
}
