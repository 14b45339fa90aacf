using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.Gateway.Transcoding;

/// <summary>A backend's response message as proto3 JSON (lowerCamelCase names, enums by name, defaults left out).</summary>
public static class JsonResponses
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static string Format(MessageDescriptor type, ReadOnlyMemory<byte> payload)
    {
        var message = type.Parser.ParseFrom(payload.Span);
        return Formatter.Format(message);
    }
}
