namespace Platform.Grpc.Client;

/// <summary>What every call object exposes besides its messages; implemented by the transport and by interceptors that wrap calls.</summary>
public interface IClientCallState : IDisposable
{
    /// <summary>The response headers, once they arrive.</summary>
    Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status; only valid once the call has completed.</summary>
    Status GetStatus();

    /// <summary>The trailing metadata; only valid once the call has completed.</summary>
    Metadata GetTrailers();
}
