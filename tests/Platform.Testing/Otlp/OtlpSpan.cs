using Google.Protobuf;

namespace Platform.Testing.Otlp;

/// <summary>
/// One span of an OTLP/protobuf trace export, with the service.name of the process that exported it. Decoded
/// straight from the wire format (opentelemetry/proto/trace/v1/trace.proto field numbers), which is all a test
/// needs to follow one trace across processes.
/// </summary>
public sealed record OtlpSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name)
{
    public override string ToString() => $"{Service}: {Name} ({SpanId} <- {ParentSpanId})";

    /// <summary>TracesData { repeated ResourceSpans resource_spans = 1; }</summary>
    public static IEnumerable<OtlpSpan> ReadAll(byte[] tracesData)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Fields(tracesData, 1))
        {
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            var service = Fields(resourceSpans, 1).Select(ServiceName).FirstOrDefault(n => n is not null) ?? "";
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                foreach (var span in Fields(scopeSpans, 2))
                {
                    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; }
                    spans.Add(new OtlpSpan(service, Hex(span, 1), Hex(span, 2), Hex(span, 4),
                        Fields(span, 5).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? ""));
                }
            }
        }

        return spans;
    }

    /// <summary>Resource { repeated KeyValue attributes = 1; } with KeyValue { string key = 1; AnyValue value = 2; }.</summary>
    private static string? ServiceName(byte[] resource)
    {
        foreach (var attribute in Fields(resource, 1))
        {
            var key = Fields(attribute, 1).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault();
            if (key == "service.name")
            {
                // AnyValue { string string_value = 1; }
                return Fields(attribute, 2).SelectMany(v => Fields(v, 1)).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault();
            }
        }

        return null;
    }

    private static string Hex(byte[] message, int field) => Fields(message, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";

    /// <summary>The values of every length-delimited occurrence of <paramref name="field"/>; other fields are skipped.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
