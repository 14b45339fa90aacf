using Google.Protobuf.WellKnownTypes;
using Platform.Entities.Recognition;
using Platform.Entities.Storage;
using Platform.Entities.V1;

namespace Platform.Entities.Grpc;

/// <summary>Between storage rows, the recogniser's types and the API messages.</summary>
internal static class EntityMapper
{
    public static EntityType ToProto(EntityKind kind) => kind switch
    {
        EntityKind.Person => EntityType.Person,
        EntityKind.Org => EntityType.Org,
        EntityKind.Gpe => EntityType.Gpe,
        EntityKind.Loc => EntityType.Loc,
        EntityKind.Norp => EntityType.Norp,
        EntityKind.Event => EntityType.Event,
        _ => EntityType.Unspecified,
    };

    public static EntityKind? ToKind(EntityType type) => type switch
    {
        EntityType.Person => EntityKind.Person,
        EntityType.Org => EntityKind.Org,
        EntityType.Gpe => EntityKind.Gpe,
        EntityType.Loc => EntityKind.Loc,
        EntityType.Norp => EntityKind.Norp,
        EntityType.Event => EntityKind.Event,
        _ => null,
    };

    public static Entity ToMessage(EntityRow row, IEnumerable<AliasRow> aliases, IEnumerable<string> mergedIds)
    {
        var entity = new Entity
        {
            Id = row.Id,
            CanonicalName = row.CanonicalName,
            Type = ToProto((EntityKind)row.Kind),
            MentionCount = row.MentionCount,
            DocumentCount = row.DocumentCount,
            CreateTime = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(row.CreateTime)),
            UpdateTime = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(row.UpdateTime)),
        };
        entity.Aliases.AddRange(aliases.Where(a => a.Name != row.CanonicalName).Select(a => new Alias
        {
            Name = a.Name,
            Source = a.Source switch { "gazetteer" => AliasSource.Gazetteer, "editor" => AliasSource.Editor, _ => AliasSource.Observed },
        }));
        entity.MergedIds.AddRange(mergedIds);
        return entity;
    }

    public static Timestamp? ToTimestamp(long unixMilliseconds) =>
        unixMilliseconds == 0 ? null : Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));
}
