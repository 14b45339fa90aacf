namespace Platform.Redis;

/// <summary>When SET applies.</summary>
public enum SetCondition
{
    Always,

    /// <summary>NX: only if the key does not exist.</summary>
    NotExists,

    /// <summary>XX: only if the key exists.</summary>
    Exists,
}
