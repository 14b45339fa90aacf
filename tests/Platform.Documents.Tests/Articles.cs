namespace Platform.Documents.Tests;

/// <summary>Sample articles written for these tests.</summary>
internal static class Articles
{
    public static string Opinion(int n = 0) => $"""
        The offensive on the northern city has begun, and its consequences will reach far beyond the front line. (piece {n})

        Aid agencies warn that as many as half a million people could be displaced before the winter sets in.

        Once the city has fallen, the militias that fought alongside the army are likely to demand a share of power.

        Lena Marsh is a senior fellow at the Centre for Regional Studies in Amman.
        """;

    public const string Html = """
        <html lang="en"><head><title>Ceasefire talks stall | The Ledger</title>
        <meta name="author" content="Tomas Reyes"><link rel="canonical" href="https://ledger.example/ceasefire-talks"></head>
        <body><nav>Home · World · Opinion</nav><div class="cookie-banner">We use cookies</div>
        <article><h1>Ceasefire talks stall</h1>
        <p>Negotiators left the capital on Tuesday without an agreement, and both sides said fighting would resume.</p>
        <p>Diplomats expect a new round of talks will not begin before the spring.</p></article>
        <footer>© The Ledger</footer><div class="share">Share on social</div></body></html>
        """;
}
