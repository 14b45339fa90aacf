namespace Platform.Predictions.Extraction;

/// <summary>One forecast found in an article.</summary>
/// <param name="Quote">The source sentence, exactly as in the body, at [<paramref name="Start"/>, <paramref name="End"/>).</param>
/// <param name="Claim">The checkable claim: the forecast clause without its attribution frame, hedges or condition.</param>
/// <param name="Predictor">Who made it: the reported speaker, else the author ("unknown" when neither is known).</param>
/// <param name="Attributed">True when the article reports someone else's forecast.</param>
/// <param name="Hedge">The phrase that set the probability ("likely", "could").</param>
/// <param name="Band">Its row of the verbal-probability scale.</param>
/// <param name="Probability">The band's probability on the scale <paramref name="ScaleVersion"/>.</param>
/// <param name="Negated">The claim says something will not happen.</param>
/// <param name="Horizon">The horizon phrase, if any ("by the end of 2017").</param>
/// <param name="Deadline">The horizon as a date, or null when open-ended.</param>
/// <param name="ReviewDate">When an open-ended forecast is due for review (the deadline when there is one).</param>
/// <param name="Condition">The condition it depends on ("Should the offensive stall"), if any.</param>
/// <param name="Entities">The entities named in the sentence (canonical ids and names).</param>
public sealed record ExtractedForecast(
    string Quote,
    int Start,
    int End,
    string Claim,
    string Predictor,
    bool Attributed,
    string Hedge,
    ProbabilityBand Band,
    double Probability,
    string ScaleVersion,
    bool Negated,
    string? Horizon,
    DateOnly? Deadline,
    DateOnly ReviewDate,
    string? Condition,
    IReadOnlyList<MentionInput> Entities);
