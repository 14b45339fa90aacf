using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>Assertions of the interop cases; a failure throws <see cref="InteropAssertionException"/> saying what differed.</summary>
internal static class Check
{
    public static void That(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InteropAssertionException(failure);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InteropAssertionException($"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>The payload exists, has <paramref name="size"/> bytes, and every byte is zero.</summary>
    public static void ZeroPayload(Payload? payload, int size, string what)
    {
        That(payload is not null, $"{what}: expected a payload of {size} bytes, got no payload");
        Equal(size, payload!.Body.Length, $"{what}: payload body size");
        var nonZero = payload.Body.Span.IndexOfAnyExcept((byte)0);
        That(nonZero < 0, $"{what}: payload body should be all zeros, but byte {nonZero} is 0x{(nonZero < 0 ? 0 : payload.Body[nonZero]):x2}");
    }

    /// <summary>The message serializes to zero bytes.</summary>
    public static void EmptyMessage(IMessage? message, string what)
    {
        That(message is not null, $"{what}: expected a message, got null");
        Equal(0, message!.CalculateSize(), $"{what}: serialized size");
    }

    /// <summary>Runs <paramref name="action"/> and expects it to fail with <paramref name="code"/> (and exactly <paramref name="detail"/>, when given).</summary>
    public static async Task<RpcException> FailsWithAsync(Func<Task> action, StatusCode code, string? detail, string what)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
        }
        catch (RpcException e)
        {
            That(e.StatusCode == code,
                $"{what}: expected status {Name(code)}, got {Name(e.StatusCode)} with message {Quote(e.Status.Detail)}");
            That(detail is null || string.Equals(detail, e.Status.Detail, StringComparison.Ordinal),
                $"{what}: expected status message {Quote(detail)}, got {Quote(e.Status.Detail)}");
            return e;
        }

        throw new InteropAssertionException($"{what}: expected status {Name(code)}, but the call succeeded");
    }

    /// <summary>The canonical upper-case name of a status code with its number, e.g. <c>DEADLINE_EXCEEDED (4)</c>.</summary>
    public static string Name(StatusCode code)
    {
        var text = code.ToString();
        var name = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]) && char.IsLower(text[i - 1]))
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(text[i]));
        }

        return $"{name} ({(int)code})";
    }

    /// <summary>A string in double quotes with control characters escaped, so whitespace differences are visible.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
