namespace Platform.Interop.Client;

/// <summary>The supported test cases, in the order <c>--test_case=all</c> runs them.</summary>
internal static class TestCaseCatalog
{
    public const string AllCases = "all";

    public static IReadOnlyList<InteropTestCase> Cases { get; } =
    [
        new("empty_unary", UnaryCases.EmptyUnaryAsync),
        new("large_unary", UnaryCases.LargeUnaryAsync),
        new("client_streaming", StreamingCases.ClientStreamingAsync),
        new("server_streaming", StreamingCases.ServerStreamingAsync),
        new("ping_pong", StreamingCases.PingPongAsync),
        new("empty_stream", StreamingCases.EmptyStreamAsync),
        new("timeout_on_sleeping_server", CancellationCases.TimeoutOnSleepingServerAsync),
        new("cancel_after_begin", CancellationCases.CancelAfterBeginAsync),
        new("cancel_after_first_response", CancellationCases.CancelAfterFirstResponseAsync),
        new("status_code_and_message", StatusCases.StatusCodeAndMessageAsync),
        new("special_status_message", StatusCases.SpecialStatusMessageAsync),
        new("custom_metadata", MetadataCases.CustomMetadataAsync),
        new("unimplemented_method", UnaryCases.UnimplementedMethodAsync),
        new("unimplemented_service", UnaryCases.UnimplementedServiceAsync),
        new("client_compressed_unary", CompressionCases.ClientCompressedUnaryAsync),
        new("client_compressed_streaming", CompressionCases.ClientCompressedStreamingAsync),
        new("server_compressed_unary", CompressionCases.ServerCompressedUnaryAsync),
        new("server_compressed_streaming", CompressionCases.ServerCompressedStreamingAsync),
    ];

    public static IEnumerable<string> Names => Cases.Select(c => c.Name);

    /// <summary>The cases <paramref name="name"/> selects: one case, or every case for "all".</summary>
    public static IReadOnlyList<InteropTestCase> Select(string name)
    {
        if (name == AllCases)
        {
            return Cases;
        }

        var match = Cases.FirstOrDefault(c => c.Name == name);
        return match is not null
            ? [match]
            : throw new UsageException($"Unknown test case '{name}'. Known test cases: {string.Join(", ", Names)}, {AllCases}.");
    }
}
