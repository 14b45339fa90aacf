namespace Platform.Predictions.Extraction;

/// <summary>
/// Whether a position of the body lies inside a quotation opened earlier in its paragraph, so that a sentence
/// continuing a quotation keeps its speaker. Positions must be asked in increasing order.
/// </summary>
internal sealed class QuoteTracker(string body)
{
    private int scanned;
    private bool open;

    public bool OpenAt(int position)
    {
        for (; scanned < position && scanned < body.Length; scanned++)
        {
            var c = body[scanned];
            if (c == '\n' && scanned + 1 < body.Length && body[scanned + 1] == '\n')
            {
                open = false; // a paragraph ends every quotation; a quotation running on reopens with a mark
            }
            else if (c is '"' or '\u201C' or '\u201D')
            {
                open = c switch { '\u201C' => true, '\u201D' => false, _ => !open };
            }
        }

        return open;
    }
}
