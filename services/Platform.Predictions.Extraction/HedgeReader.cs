using System.Buffers;
using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Decides whether a sentence makes a forecast, and reads its hedge:
///   1. a question, a counterfactual ("had …", "would have"), a wish ("we hope it will"), the writer's own plan
///      ("I will argue"), a schedule ("will be held"), a habit ("will often") or a noun ("political will") is
///      not a forecast cue;
///   2. what is left must hold a future or modal cue: will, would (reported or conditional), could, may, might,
///      likely, expected to, set to, bound to, threatens to, portends, predicts, every reason to believe …;
///   3. the strongest hedge phrase names the band ("will likely" is likely, "is unlikely to" unlikely), and
///      "not"/"never" near the cue marks the claim negated (the band stays: negation flips the claim).
/// </summary>
internal static partial class HedgeReader
{
    // Phrases by band, most specific first; the first band with a phrase in the sentence wins.
    private static readonly (ProbabilityBand Band, Regex Pattern)[] Bands =
    [
        (ProbabilityBand.Remote, Phrase("almost no chance|no chance|inconceivable|remote (?:chance|possibility)|impossible to imagine|a remote prospect|virtually impossible")),
        (ProbabilityBand.VeryUnlikely, Phrase("very unlikely|highly unlikely|extremely unlikely|highly improbable|almost certainly (?:not|won't|will not|cannot|can't)|all but impossible")),
        (ProbabilityBand.Unlikely, Phrase("unlikely|improbable|probably (?:not|won't|will not)|doubtful|little chance|slim chance|not expected to|is not likely|are not likely|hard to see")),
        (ProbabilityBand.Even, Phrase("even chance|toss-up|fifty-fifty|50-50|50/50|as likely as not|evens|maybe|much less certain")),
        (ProbabilityBand.Certain, Phrase("almost certainly|certainly|undoubtedly|will clearly|(?:was|is|am|'m) sure|no doubt|without doubt|inevitabl[ey]|bound to|(?:is|are) certain to|(?:is|are) sure to|will surely|guaranteed to|a certainty|there is no question")),
        (ProbabilityBand.VeryLikely, Phrase("(?:am|are|is|'m|'re) confident|very likely|highly likely|highly probable|every reason to (?:believe|expect)|all but certain|most likely|overwhelmingly likely|almost sure")),
        (ProbabilityBand.Likely, Phrase("likely|probably|probable|(?:is|are|was|were) expected to|expects?|(?:is|are|looks|look) set to|poised to|on course to|on track to|stands? to|in all likelihood|tipped to|favourites|favorites|betting on|projecting|projects?|projected|forecasting|expecting|anticipates?|(?<!^\\W*)should(?= (?:continue|be|rise|fall|grow|remain|see|reach|weather|help|recover|improve|return|start|pick up|come|regain|ease|slow|stay|keep|stabilise|outpace|benefit)\\b)|(?:predicts?|forecasts?|believes?|thinks?|fears?|estimates?|reckons?|think|believe|fear)(?= (?:that )?(?:[\\w'-]+ ){0,8}?(?:will|can|'ll)\\b)")),
        (ProbabilityBand.May, Phrase("could|may|might|possibly|perhaps|a real possibility|(?:threatens?|threatened) to|portends?|risks? \\w+ing|speculation|rumou?rs|can")),
        (ProbabilityBand.Will, Phrase("will|won't|'ll|would|wouldn't|shall|(?:is|are) going to|predict(?:s|ed)?|forecasts?|vow(?:s|ed)")),
    ];

    /// <summary>The cue words that make a sentence future-facing at all.</summary>
    [GeneratedRegex(@"\b(?:will|won't|would|wouldn't|shall|could|may|might|likely|unlikely|probably|improbable|toss-up|no chance|even chance|doubtful|(?:is|are) certain|inevitabl\w*|expects? that|expected to|expects? (?:\w+ ){0,4}to|set to|poised to|bound to|certain to|sure to|going to|threatens? to|threatened to|portends?|predict(?:s|ed)?|forecasts?|every reason to|on course to|on track to|in all likelihood|stands? to)\b|\w'll\b", RegexOptions.IgnoreCase)]
    internal static partial Regex Cue();

    /// <summary>News cues beyond the modal table: projections, belief frames, "tipped to", "favourites", odds.</summary>
    [GeneratedRegex(@"\b(?:(?:is|are|was) projecting|projects?|projected to|(?:is|are) forecasting|expects?|(?:is|are|was) expecting|anticipates?|tipped to|favou?rites to|betting on|(?:am|are|is|'m|'re) confident|risks? \w+ing|(?:is|are) expected (?:at|in|by)|should (?:continue|be|rise|fall|grow|remain|see|reach|weather|help|recover|improve|return|start|pick up|come|regain|ease|slow|stay|keep|stabilise|outpace|benefit)|(?:think|believe|believes|expects?|confident)(?: that)? (?:\w+ ){1,5}can|50/50|fifty-fifty|inconceivable|much less certain)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex NewsCue();

    /// <summary>
    /// A word or part of one that each alternative of <see cref="Cue"/> and <see cref="NewsCue"/> holds, so that a
    /// sentence with none of them is passed over by one vectorised search instead of two regex scans (on every
    /// sentence, the scans cost more than the rest of the reading). A new cue needs its stem here; the tests check
    /// a phrase of every cue and every corpus sentence.
    /// </summary>
    private static readonly SearchValues<string> CueStems = SearchValues.Create(
    [
        "will", "won't", "would", "shall", "could", "may", "might", "likel", "probabl", "toss-up", "chance", "doubtful", "certain", "inevitabl",
        "expect", "set to", "poised to", "bound to", "sure to", "going to", "threaten", "portend", "predict", "forecast", "every reason to",
        "on course to", "on track to", "stand", "'ll", "project", "anticipate", "tipped to", "rites to", "betting on", "confident", "risk",
        "should", "think", "believe", "50/50", "fifty-fifty", "inconceivable",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>False when the sentence cannot match <see cref="Cue"/> or <see cref="NewsCue"/>.</summary>
    internal static bool MayHoldCue(string sentence) =>
        // The patterns' ignore-case also reads the Kelvin sign as "k", which an ordinal search does not.
        sentence.AsSpan().ContainsAny(CueStems) || sentence.Contains('\u212A', StringComparison.Ordinal);

    // The speaker's own plans and intentions, and past or counterfactual frames, blanked like the other non-cues.
    [GeneratedRegex(@"\b(?:will (?:try|attempt|seek|aim|strive|endeavour|want|be used) to|(?:intends?|plans?|aims?|hopes?|wants?|had every reason to believe|were to)\b[^.]*|will (?:now )?(?:book|launch|start|begin|restate|press|unveil|publish|review)|(?:said|says|announced|added) (?:it|they|he|she|we) (?:would|will) (?:start|begin|launch|open|introduce|review|release|invest|hire|build|sell|buy|book|press|unveil|announce|make|hold|seek|try|use|offer|spend|keep|stick|become))\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewsNotACue();

    /// <summary>"will have to" is a forecast, though "will have" + participle is not.</summary>
    [GeneratedRegex(@"\b(?:will|would) (?:not )?have to\b", RegexOptions.IgnoreCase)]
    private static partial Regex HaveTo();

    // Cue uses that are not forecasts; each is blanked out before the cues are looked for.
    [GeneratedRegex(@"\b(?:would|could|might|may|should|must|will) (?:not |never )?have\b|\b(?:would|could|might|may|should|must) (?:hardly |scarcely |barely |surely |\w+ly )have\b|\bcould(?: not|n't)\b|\bwill (?:routinely|nearly always|almost always|invariably|typically|habitually)\b|\b(?:how|whether|why|what|where|which) (?:[\w'-]+ ){0,6}?(?:will|would|could|might|may)\b|\b(?:as|than) (?:had been )?expected\b|\bunexpected(?:ly)?\b|\b(?:political|popular|free|good|ill|the|a|his|her|their|its|our|own) will\b|\bwill (?:often|usually|always|sometimes|typically|tend to|generally|normally)\b|\bwould (?:often|usually|always|sometimes|like|love|prefer|rather|be wise|be a mistake|be wrong|do well)\b|\b(?:i|we) (?:will|would|'ll|shall|might|may)\b|\bi'll\b|\b(?:this|the) (?:column|article|essay|piece|report|paper|analysis) (?:will|would)\b|\bwill (?:now )?(?:be held|take place|hold|meet|visit|host|convene|travel|attend|chair|open|gather|speak|deliver|address|present|brief|sit|be sworn in|apply from|come into force|take effect on|be published)\b|\bmay be (?:argued|said)\b|\bcould be (?:argued|said)\b|\bit may be that\b|\bmight as well\b|\bmay well have\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotACue();

    [GeneratedRegex(@"\b(?:hopes?|hoped|hoping|wish(?:es|ed)?|prays?|longs?|dreams?) (?:that )?[\w'-]+(?: [\w'-]+){0,8}? (?:will|would|could|might|may)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Wish();

    [GeneratedRegex(@"\b(?:said|says|say|warned|warns|warn|predicted|predicts|predict|forecast|forecasts|vowed|vows|vow|told|expects|believes|believed|believe|argued|argues|argue|thinks|thought|estimated|estimates|claimed|claims|insisted|insists|cautioned|cautions|promised|promises|pledged|pledges|threatened|threatens|suggested|suggests|added|wrote|writes|noted|notes|according to|announced|declared|predicts)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex Reporting();

    [GeneratedRegex(@"^\W*(?:if|should|once|unless|were|as long as|until|provided|in case|when)\b|,\s*(?:if|once|unless|as long as|provided that|so long as)\b|\bif\b", RegexOptions.IgnoreCase)]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\b(?:should|must|ought to|needs? to|has to|have to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Advice();

    [GeneratedRegex(@"(?<=\S\s+)May\b")]
    private static partial Regex MonthMay();

    [GeneratedRegex(@"\bwhenever\b", RegexOptions.IgnoreCase)]
    private static partial Regex Whenever();

    [GeneratedRegex(@"\b(?:said|promised|pledged|vowed|announced|declared|insisted|told|claimed|warned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastReporting();

    [GeneratedRegex(@"^\W*(?:in (?:early |late |mid-)?(?:january|february|march|april|may|june|july|august|september|october|november|december|the spring|the summer|the autumn|the winter|(?:19|20)\d\d)\b|last (?:year|month|week|spring|summer|autumn|winter)\b|on (?:january|february|march|april|may|june|july|august|september|october|november|december) \d|after the\b|in the (?:hours|days|weeks|months) (?:after|before)\b|earlier (?:this|that)\b|back in\b|at the time\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PastSetting();

    [GeneratedRegex(@"(?:,|;)\s*(?:and|but|yet)?\s*(?:(?:it|they|he|she|the \w+|\w+) (?:did|has since|have since|had|was|were|abandoned|missed|passed|arrived|crossed|struck|failed|kept|broke|met)\b|a (?:promise|pledge|target|goal|vow) (?:it|they|he|she|that)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex OutcomeFollows();

    [GeneratedRegex(@"\b(?:not|never|no longer|won't|wouldn't|cannot|can't|n't)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    /// <summary>A counterfactual opening: "Had the bank cut rates, …".</summary>
    [GeneratedRegex(@"^\W*had\b", RegexOptions.IgnoreCase)]
    private static partial Regex HadOpening();

    /// <summary>The hedge of a forecast sentence, or null when the sentence makes no forecast.</summary>
    public static Hedge? Read(string sentence)
    {
        if (sentence.AsSpan().TrimEnd(" \"'\u201D\u2019)").EndsWith('?') || HadOpening().IsMatch(sentence))
        {
            return null;
        }

        // Blanking only removes cues: a sentence with none to begin with is done (most are).
        if (!MayHoldCue(sentence) || !Cue().IsMatch(sentence) && !NewsCue().IsMatch(sentence))
        {
            return null;
        }

        // 1.
        var text = NotACue().Replace(sentence, m => HaveTo().IsMatch(m.Value) ? m.Value : new string(' ', m.Length));
        text = NewsNotACue().Replace(text, m => new string(' ', m.Length));
        text = Wish().Replace(text, m => new string(' ', m.Length));

        // 2.
        var cues = CueSummary.Of(text);
        if (cues.Count == 0)
        {
            return null;
        }

        // Advice that wraps a future ("Baghdad should promise that no militia will enter"), and a habit ("whenever").
        if (Advice().Match(text) is { Success: true, Index: > 0 } advice && advice.Index < cues.FirstIndex || Whenever().IsMatch(text))
        {
            return null;
        }

        // "would" forecasts only in reported speech or a conditional frame; "It would be a mistake" is an opinion.
        if (cues.WouldOnly && !Reporting().IsMatch(text) && !Conditional().IsMatch(text))
        {
            return null;
        }

        // A past intention told as history: "In May the Pentagon said it would arm the YPG, and the first shipments
        // crossed within weeks." The time it was said is past, or what happened next follows.
        if (cues.WouldOnly && PastReporting().IsMatch(text) && (PastSetting().IsMatch(text) || OutcomeFollows().IsMatch(text)))
        {
            return null;
        }

        // 3. ("May" the month must not read as the modal.)
        if (text.Contains("May", StringComparison.Ordinal))
        {
            text = MonthMay().Replace(text, "   ");
        }
        foreach (var (band, pattern) in Bands)
        {
            if (pattern.Match(text) is { Success: true } phrase)
            {
                var window = text.AsSpan(cues.FirstIndex, Math.Min(text.Length - cues.FirstIndex, cues.FirstLength + 24));
                return new Hedge(band, phrase.Value.Trim(), Negation().IsMatch(window) || phrase.Value.Contains("not", StringComparison.OrdinalIgnoreCase)
                    || phrase.Value.Contains("n't", StringComparison.Ordinal), cues.FirstIndex);
            }
        }

        return null;
    }

    /// <summary>
    /// The cues of a blanked sentence, <see cref="Cue"/>'s then <see cref="NewsCue"/>'s, read without building
    /// Match objects: how many, the first by position (a tie goes to the modal cue), and whether all are "would".
    /// </summary>
    private struct CueSummary
    {
        public int Count;
        public int FirstIndex;
        public int FirstLength;
        public bool WouldOnly;

        public static CueSummary Of(string text)
        {
            var cues = new CueSummary { WouldOnly = true };
            foreach (var match in Cue().EnumerateMatches(text))
            {
                cues.Add(text, match);
            }

            foreach (var match in NewsCue().EnumerateMatches(text))
            {
                cues.Add(text, match);
            }

            return cues;
        }

        private void Add(string text, ValueMatch match)
        {
            var value = text.AsSpan(match.Index, match.Length);

            // "May" the month is capitalised mid-sentence; the modal is not. ("likely" as in "the likely winner"
            // still points forward; "expects" needs an infinitive, checked by the pattern.)
            if (value is "May" && match.Index > 0)
            {
                return;
            }

            if (Count == 0 || match.Index < FirstIndex)
            {
                (FirstIndex, FirstLength) = (match.Index, match.Length);
            }

            Count++;
            WouldOnly &= value.StartsWith("would", StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Regex Phrase(string alternatives) => new($@"(?<![\w'])(?:{alternatives})(?![\w'])", RegexOptions.IgnoreCase | RegexOptions.Compiled);
}

/// <summary>A forecast's hedge: its band, the phrase that set it, whether the claim is negated, where the first cue is.</summary>
internal sealed record Hedge(ProbabilityBand Band, string Phrase, bool Negated, int CueIndex);
