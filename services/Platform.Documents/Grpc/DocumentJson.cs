using System.Text.Json.Serialization;

namespace Platform.Documents.Grpc;

/// <summary>Source-generated JSON for the authors and labels columns.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DocumentJson : JsonSerializerContext;
