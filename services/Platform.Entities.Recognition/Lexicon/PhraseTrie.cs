namespace Platform.Entities.Recognition.Lexicon;

/// <summary>
/// Phrases as sequences of token keys (see <see cref="NameKey.Token"/>), for longest-match lookup at a
/// position of a tokenised text.
/// </summary>
internal sealed class PhraseTrie<T>
{
    private readonly Node _root = new();

    public int Count { get; private set; }

    public void Add(IReadOnlyList<string> tokenKeys, T value)
    {
        var node = _root;
        foreach (var key in tokenKeys)
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(key, out var child))
            {
                child = new Node();
                node.Children[key] = child;
            }

            node = child;
        }

        node.Values ??= [];
        node.Values.Add(value);
        Count++;
    }

    /// <summary>
    /// Every phrase that starts at <paramref name="start"/>, longest first, as (length in tokens, values).
    /// <paramref name="keyAt"/> gives the key of the token at an index, or null past a boundary.
    /// </summary>
    public List<(int Length, List<T> Values)> MatchesAt(int start, Func<int, string?> keyAt)
    {
        var found = new List<(int, List<T>)>();
        var node = _root;
        for (var i = start; node.Children is not null; i++)
        {
            var key = keyAt(i);
            if (key is null || !node.Children.TryGetValue(key, out var child))
            {
                break;
            }

            node = child;
            if (node.Values is not null)
            {
                found.Add((i - start + 1, node.Values));
            }
        }

        found.Reverse();
        return found;
    }

    /// <summary>True when some phrase starts with the key (cheap pre-check before <see cref="MatchesAt"/>).</summary>
    public bool Starts(string key) => _root.Children?.ContainsKey(key) == true;

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<T>? Values;
    }
}
