namespace Platform.Testing;

/// <summary>Waits for an HTTP server started by a test to answer.</summary>
public static class Http
{
    public static async Task WaitUntilRespondingAsync(Uri uri, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(uri);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{uri} did not answer 2xx within {timeout}.");
            }

            await Task.Delay(100);
        }
    }
}
