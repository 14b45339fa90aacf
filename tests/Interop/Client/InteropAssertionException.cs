namespace Platform.Interop.Client;

/// <summary>A test case saw something the interop spec does not allow.</summary>
internal sealed class InteropAssertionException : Exception
{
    public InteropAssertionException()
    {
    }

    public InteropAssertionException(string message)
        : base(message)
    {
    }

    public InteropAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
