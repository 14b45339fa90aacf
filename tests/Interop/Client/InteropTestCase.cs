using Grpc.Net.Client;

namespace Platform.Interop.Client;

/// <summary>One named interop test case; it throws when the server or the client breaks the spec.</summary>
internal sealed record InteropTestCase(string Name, Func<GrpcChannel, Task> RunAsync);
