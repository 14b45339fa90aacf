namespace Platform.Entities.Storage;

/// <summary>Entity ids: "ent_" and a UUIDv7 in hex, so ids sort by creation time.</summary>
internal static class EntityIds
{
    public static string New() => "ent_" + Guid.CreateVersion7().ToString("N");
}
