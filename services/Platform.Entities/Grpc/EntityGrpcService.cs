using System.Globalization;
using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.Entities.Recognition;
using Platform.Entities.Storage;
using Platform.Entities.V1;

namespace Platform.Entities.Grpc;

/// <summary>The entity service's public API: reading entities and mentions, and the editor operations.</summary>
internal sealed class EntityGrpcService(EntityRepository entities, MentionRepository mentions, EditRepository edits, IPlatformCache cache, TimeProvider time,
    ILogger<EntityGrpcService> logger)
    : EntityService.EntityServiceBase
{
    public const string CacheNamespace = "entities";
    private static readonly CacheCodec<Entity> Codec = CacheCodec.Protobuf(Entity.Parser);

    public override Task<Entity> GetEntity(GetEntityRequest request, ServerCallContext context) =>
        GetAsync(request.Id, "id", context.CancellationToken);

    public override async Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context)
    {
        var size = PageSize.Resolve(request.PageSize, 50, 500);
        var prefix = NameKey.Name(request.NamePrefix);
        var filters = $"{request.Type}|{prefix}";
        (long, string)? after = null;
        if (request.PageToken.Length > 0)
        {
            var position = PageToken.Read(request.PageToken, filters, 2);
            long count = 0;
            if (position is null || !long.TryParse(position[0], CultureInfo.InvariantCulture, out count))
            {
                RpcErrors.InvalidArgument("page_token", "not a token from this listing (or the filters changed)");
            }

            after = (count, position[1]);
        }

        var rows = await entities.ListAsync(EntityMapper.ToKind(request.Type), prefix, after, size + 1, context.CancellationToken);
        var response = new ListEntitiesResponse();
        foreach (var row in rows.Take(size))
        {
            response.Entities.Add(await ToMessageAsync(row, context.CancellationToken));
        }

        if (rows.Count > size)
        {
            var last = rows[size - 1];
            response.NextPageToken = PageToken.Create(filters, last.MentionCount.ToString(CultureInfo.InvariantCulture), last.Id);
        }

        return response;
    }

    public override async Task<SearchEntitiesResponse> SearchEntities(SearchEntitiesRequest request, ServerCallContext context)
    {
        var key = NameKey.Name(request.Query);
        if (key.Length == 0)
        {
            RpcErrors.InvalidArgument("query", "empty: give a name or part of one");
        }

        var limit = PageSize.Resolve(request.Limit, 20, 100, "limit");
        var rows = await entities.SearchAliasesAsync(key, NameKey.Skeleton(key), EntityMapper.ToKind(request.Type), context.CancellationToken);
        var best = rows
            .Select(r => (Row: r, Score: EntitySearchScore.Of(key, r.NameKey)))
            .Where(m => m.Score > 0)
            .GroupBy(m => m.Row.Id)
            .Select(g => g.MaxBy(m => m.Score))
            .OrderByDescending(m => m.Score)
            .Take(limit);
        var response = new SearchEntitiesResponse();
        foreach (var (row, score) in best)
        {
            response.Matches.Add(new EntityMatch
            {
                Entity = await GetAsync(row.Id, "id", context.CancellationToken),
                MatchedName = row.Name,
                Score = Math.Round(score, 3),
            });
        }

        return response;
    }

    public override async Task<ListMentionsResponse> ListMentions(ListMentionsRequest request, ServerCallContext context)
    {
        var entity = await GetAsync(request.EntityId, "entity_id", context.CancellationToken);
        var size = PageSize.Resolve(request.PageSize, 100, 1000);
        var filters = $"{entity.Id}|{request.DocumentId}";
        (long, string, int)? after = null;
        if (request.PageToken.Length > 0)
        {
            var position = PageToken.Read(request.PageToken, filters, 3);
            long published = 0;
            var start = 0;
            if (position is null || !long.TryParse(position[0], CultureInfo.InvariantCulture, out published)
                || !int.TryParse(position[2], CultureInfo.InvariantCulture, out start))
            {
                RpcErrors.InvalidArgument("page_token", "not a token from this listing (or the filters changed)");
            }

            after = (published, position[1], start);
        }

        var document = request.DocumentId.Length > 0 ? request.DocumentId : null;
        var rows = await mentions.OfEntityAsync(entity.Id, document, after, size + 1, context.CancellationToken);
        var response = new ListMentionsResponse
        {
            TotalSize = document is null ? entity.MentionCount : await mentions.CountInDocumentAsync(entity.Id, document, context.CancellationToken),
        };
        response.Mentions.AddRange(rows.Take(size).Select(r => new EntityMention
        {
            DocumentId = r.DocumentId,
            Text = r.Text,
            Start = r.StartOffset,
            End = r.EndOffset,
            PublishedTime = EntityMapper.ToTimestamp(r.PublishedTime),
        }));
        if (rows.Count > size)
        {
            var last = rows[size - 1];
            response.NextPageToken = PageToken.Create(filters, last.PublishedTime.ToString(CultureInfo.InvariantCulture), last.DocumentId,
                last.StartOffset.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public override async Task<Entity> AddAlias(AddAliasRequest request, ServerCallContext context)
    {
        var editor = EditorOf(context, "AddAlias", request.Note);
        if (NameKey.Name(request.Alias).Length == 0)
        {
            RpcErrors.InvalidArgument("alias", "empty: give the other name of the entity");
        }

        var row = await LiveRowAsync(request.EntityId, "entity_id", context.CancellationToken);
        await edits.AddAliasAsync(row.Id, row.Kind, request.Alias.Trim(), editor, Now(), context.CancellationToken);
        await cache.InvalidateAsync(CacheNamespace, row.Id, context.CancellationToken);
        EntityLog.Edited(logger, "AddAlias", row.Id, editor.Identity);
        return await GetAsync(row.Id, "entity_id", context.CancellationToken);
    }

    public override async Task<Entity> MergeEntities(MergeEntitiesRequest request, ServerCallContext context)
    {
        var editor = EditorOf(context, "MergeEntities", request.Note);
        if (request.SourceIds.Count == 0)
        {
            RpcErrors.InvalidArgument("source_ids", "empty: name the entities to merge into the target");
        }

        var target = await LiveRowAsync(request.TargetId, "target_id", context.CancellationToken);
        var sources = new List<EntityRow>();
        foreach (var id in request.SourceIds.Distinct(StringComparer.Ordinal))
        {
            var source = await LiveRowAsync(id, "source_ids", context.CancellationToken);
            if (source.Id == target.Id)
            {
                RpcErrors.InvalidArgument("source_ids", $"'{id}' is the target itself (or already merged into it)");
            }

            if (source.Kind != target.Kind)
            {
                RpcErrors.InvalidArgument("source_ids", $"'{id}' is {EntityMapper.ToProto((EntityKind)source.Kind)} but the target is {EntityMapper.ToProto((EntityKind)target.Kind)}");
            }

            sources.Add(source);
        }

        await edits.MergeAsync(target, sources, editor, Now(), context.CancellationToken);
        foreach (var id in sources.Select(s => s.Id).Append(target.Id))
        {
            await cache.InvalidateAsync(CacheNamespace, id, context.CancellationToken);
        }

        EntityLog.Edited(logger, "MergeEntities", target.Id, editor.Identity);
        return await GetAsync(target.Id, "target_id", context.CancellationToken);
    }

    public override async Task<SplitEntityResponse> SplitEntity(SplitEntityRequest request, ServerCallContext context)
    {
        var editor = EditorOf(context, "SplitEntity", request.Note);
        var original = await LiveRowAsync(request.EntityId, "entity_id", context.CancellationToken);
        var known = (await entities.AliasesAsync(original.Id, context.CancellationToken)).ToDictionary(a => a.NameKey, StringComparer.Ordinal);
        var keys = request.Aliases.Select(NameKey.Name).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            RpcErrors.InvalidArgument("aliases", "empty: name the aliases that belong to another entity");
        }

        foreach (var (alias, key) in request.Aliases.Zip(keys))
        {
            if (!known.ContainsKey(key))
            {
                RpcErrors.InvalidArgument("aliases", $"'{alias}' is not an alias of {original.Id} ({original.CanonicalName})");
            }

            if (key == NameKey.Name(original.CanonicalName))
            {
                RpcErrors.InvalidArgument("aliases", $"'{alias}' is the entity's canonical name; split off its other names instead");
            }
        }

        var name = request.NewCanonicalName.Length > 0 ? request.NewCanonicalName.Trim() : known[keys[0]].Name;
        var kind = request.NewType == EntityType.Unspecified ? original.Kind : (int)EntityMapper.ToKind(request.NewType)!;
        var id = EntityIds.New();
        if (!await edits.SplitAsync(original, id, name, kind, keys, editor, Now(), context.CancellationToken))
        {
            RpcErrors.AlreadyExists($"an entity named '{name}' of that type already exists; merge into it or choose another new_canonical_name");
        }

        await cache.InvalidateAsync(CacheNamespace, original.Id, context.CancellationToken);
        return new SplitEntityResponse
        {
            Original = await GetAsync(original.Id, "entity_id", context.CancellationToken),
            Created = await GetAsync(id, "entity_id", context.CancellationToken),
        };
    }

    public override async Task<ListEntityEditsResponse> ListEntityEdits(ListEntityEditsRequest request, ServerCallContext context)
    {
        var response = new ListEntityEditsResponse();
        if (await entities.GetLiveAsync(request.EntityId, context.CancellationToken) is null)
        {
            RpcErrors.NotFound("Entity", request.EntityId);
        }

        response.Edits.AddRange((await edits.ListAsync(request.EntityId, context.CancellationToken)).Select(e => new EntityEdit
        {
            Operation = e.Operation,
            EntityId = e.EntityId,
            Detail = e.Detail,
            Editor = e.Editor,
            Note = e.Note,
            EditTime = EntityMapper.ToTimestamp(e.EditTime),
        }));
        return response;
    }

    private async Task<Entity> GetAsync(string id, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            RpcErrors.InvalidArgument(field, "required");
        }

        var entity = await cache.GetOrLoadAsync(CacheNamespace, id, Codec, async ct =>
        {
            var row = await entities.GetLiveAsync(id, ct);
            return row is null ? new Entity() : await ToMessageAsync(row, ct);
        }, cancellationToken: cancellationToken);
        if (entity.Id.Length == 0)
        {
            RpcErrors.NotFound("Entity", id);
        }

        return entity;
    }

    private async Task<EntityRow> LiveRowAsync(string id, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            RpcErrors.InvalidArgument(field, "required");
        }

        var row = await entities.GetLiveAsync(id, cancellationToken);
        if (row is null)
        {
            RpcErrors.NotFound("Entity", id);
        }

        return row;
    }

    private async Task<Entity> ToMessageAsync(EntityRow row, CancellationToken cancellationToken) =>
        EntityMapper.ToMessage(row, await entities.AliasesAsync(row.Id, cancellationToken), await entities.MergedIdsAsync(row.Id, cancellationToken));

    private static Editor EditorOf(ServerCallContext context, string operation, string note)
    {
        var identity = context.RequestHeaders.GetValue(CallerMetadata.Identity);
        if (string.IsNullOrWhiteSpace(identity))
        {
            RpcErrors.Unauthenticated($"{operation} is an editor operation and needs the caller's identity ({CallerMetadata.Identity} metadata, set by the gateway)");
        }

        return new Editor(identity, note ?? "");
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
