namespace Platform.Predictions.Storage;

/// <summary>A write the rules refuse (unknown id, a final state, a bad date); the gRPC layer maps <see cref="Kind"/> to a status.</summary>
public sealed class PredictionRuleException(PredictionRule kind, string message) : Exception(message)
{
    public PredictionRule Kind { get; } = kind;

    public PredictionRuleException() : this(PredictionRule.Invalid, "refused")
    {
    }

    public PredictionRuleException(string message) : this(PredictionRule.Invalid, message)
    {
    }

    public PredictionRuleException(string message, Exception inner) : this(PredictionRule.Invalid, message + " " + inner.Message)
    {
    }
}

public enum PredictionRule
{
    NotFound,
    Invalid,
    FinalState,
}
