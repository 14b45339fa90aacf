using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using EntityForget = Platform.Entities.V1.ForgetDocumentRequest;
using PredictionForget = Platform.Predictions.V1.ForgetDocumentRequest;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>One method of a platform service and valid request bodies for it, which the fuzz mutates.</summary>
internal sealed record FuzzTarget(PlatformService Service, string Path, byte[][] Bodies);

public enum PlatformService
{
    Documents,
    Entities,
    Predictions,
}

/// <summary>
/// Valid requests for every method of the document, entity and prediction services (protos/platform/**). Reads
/// and harmless writes use the seeded data; the destructive and editorial ones (delete, merge, split, reject,
/// resolve, forget) name ids that do not exist, so the fuzz exercises their validation without undoing the seed.
/// </summary>
internal static class FuzzSeeds
{
    public const string EntitiesText = """
        Prime Minister Haider al-Abadi said on Monday that the offensive on Mosul would begin within weeks. Abadi told
        reporters in Baghdad that the Popular Mobilisation Units would stay outside the city.
        """;

    public const string ForecastText = """
        The battle for Mosul will last until the end of 2017. The Hashd is likely to remain in Nineveh until June 2017.
        One million people could be displaced within six months.
        """;

    private const string Missing = "does-not-exist-0001";

    public static IngestDocumentRequest Article(string title)
    {
        var request = new IngestDocumentRequest
        {
            Content = $"<html><body><h1>{title}</h1><p>{ForecastText}</p></body></html>",
            Format = ContentFormat.Html,
            Title = title,
            Outlet = "The Seed Times",
            Url = "https://example.org/" + Uri.EscapeDataString(title),
            Language = "en",
            PublishedTime = Timestamp.FromDateTime(new DateTime(2016, 10, 17, 0, 0, 0, DateTimeKind.Utc)),
        };
        request.Authors.Add("Lena Marsh");
        request.Labels["source"] = "fuzz";
        return request;
    }

    public static IReadOnlyList<FuzzTarget> Targets(PlatformServices platform)
    {
        const string documents = "/platform.documents.v1.DocumentService/";
        const string entities = "/platform.entities.v1.EntityService/";
        const string extraction = "/platform.entities.v1.EntityExtraction/";
        const string predictions = "/platform.predictions.v1.PredictionService/";
        const string forecasts = "/platform.predictions.v1.PredictionExtraction/";
        var (document, entity, prediction) = (platform.DocumentId, platform.EntityId, platform.PredictionId);
        var published = Timestamp.FromDateTime(new DateTime(2016, 10, 17, 0, 0, 0, DateTimeKind.Utc));
        var update = new UpdateDocumentMetadataRequest { Document = new Document { Id = document, Title = "Renamed by the fuzz" }, UpdateMask = new FieldMask() };
        update.UpdateMask.Paths.Add("title");
        var batch = new BatchGetDocumentsRequest();
        batch.Ids.Add([document, Missing]);
        var merge = new MergeEntitiesRequest { TargetId = Missing, Note = "fuzz" };
        merge.SourceIds.Add(Missing + "-b");
        var split = new SplitEntityRequest { EntityId = Missing, NewCanonicalName = "Someone", NewType = EntityType.Person };
        split.Aliases.Add("Someone");
        var extract = new ExtractPredictionsRequest { DocumentId = "doc-fuzz", ContentSha256 = "fuzz", Body = ForecastText, Outlet = "Fuzz", PublishedTime = published };
        extract.Authors.Add("Lena Marsh");
        extract.Mentions.Add(new Mention { EntityId = entity, CanonicalName = "Mosul", Type = EntityType.Gpe, Text = "Mosul", Start = 15, End = 20 });
        var create = new CreatePredictionRequest
        {
            DocumentId = "doc-fuzz", Quote = "Prices will fall by 2030.", Claim = "Prices fall", Predictor = "Lena Marsh",
            Attributed = true, Outlet = "Fuzz", Probability = 0.7, Deadline = "2030-12-31", PublishedTime = published,
        };
        var resolve = new ResolvePredictionRequest { Id = Missing, Outcome = Outcome.True, EvidenceUrl = "https://example.org/e" };

        return
        [
            new(PlatformService.Documents, documents + "IngestDocument", Frames(Article("A fuzz article"))),
            new(PlatformService.Documents, documents + "IngestDocuments", [[.. Frame(Article("First of two")), .. Frame(Article("Second of two"))]]),
            new(PlatformService.Documents, documents + "GetDocument", Frames(new GetDocumentRequest { Id = document })),
            new(PlatformService.Documents, documents + "BatchGetDocuments", Frames(batch)),
            new(PlatformService.Documents, documents + "ListDocuments", Frames(new ListDocumentsRequest { PageSize = 5, Query = "Mosul" }, new ListDocumentsRequest { Author = "Lena Marsh" })),
            new(PlatformService.Documents, documents + "UpdateDocumentMetadata", Frames(update)),
            new(PlatformService.Documents, documents + "DeleteDocument", Frames(new DeleteDocumentRequest { Id = Missing })),
            new(PlatformService.Documents, documents + "WatchDocumentStatus", Frames(new WatchDocumentStatusRequest { DocumentId = Missing })),
            new(PlatformService.Entities, entities + "GetEntity", Frames(new GetEntityRequest { Id = entity })),
            new(PlatformService.Entities, entities + "ListEntities", Frames(new ListEntitiesRequest { PageSize = 5, NamePrefix = "A" })),
            new(PlatformService.Entities, entities + "SearchEntities", Frames(new SearchEntitiesRequest { Query = "Abadi", Limit = 5 })),
            new(PlatformService.Entities, entities + "ListMentions", Frames(new ListMentionsRequest { EntityId = entity, PageSize = 5 })),
            new(PlatformService.Entities, entities + "AddAlias", Frames(new AddAliasRequest { EntityId = entity, Alias = "Al Abadi", Note = "fuzz" })),
            new(PlatformService.Entities, entities + "MergeEntities", Frames(merge)),
            new(PlatformService.Entities, entities + "SplitEntity", Frames(split)),
            new(PlatformService.Entities, entities + "ListEntityEdits", Frames(new ListEntityEditsRequest { EntityId = entity })),
            new(PlatformService.Entities, extraction + "ExtractEntities", Frames(new ExtractEntitiesRequest { DocumentId = "doc-fuzz", ContentSha256 = "fuzz", Body = EntitiesText })),
            new(PlatformService.Entities, extraction + "ExtractEntitiesBatch", Frames(new ExtractEntitiesBatchRequest
            {
                Items = { new ExtractEntitiesRequest { DocumentId = "doc-fuzz-1", ContentSha256 = "fuzz", Body = EntitiesText }, new ExtractEntitiesRequest { DocumentId = "doc-fuzz-2", ContentSha256 = "fuzz" } },
            })),
            new(PlatformService.Entities, extraction + "ForgetDocument", Frames(new EntityForget { DocumentId = Missing })),
            new(PlatformService.Predictions, predictions + "GetPrediction", Frames(new GetPredictionRequest { Id = prediction })),
            new(PlatformService.Predictions, predictions + "ListPredictions", Frames(new ListPredictionsRequest { PageSize = 5, Predictor = "Lena Marsh" })),
            new(PlatformService.Predictions, predictions + "CreatePrediction", Frames(create)),
            new(PlatformService.Predictions, predictions + "UpdatePrediction", Frames(new UpdatePredictionRequest { Id = prediction, Claim = "Mosul is retaken", Note = "fuzz" })),
            new(PlatformService.Predictions, predictions + "RejectPrediction", Frames(new RejectPredictionRequest { Id = Missing, Reason = "fuzz" })),
            new(PlatformService.Predictions, predictions + "ResolvePrediction", Frames(resolve)),
            new(PlatformService.Predictions, predictions + "ImportResolutions",
                [[.. Frame(new ImportResolutionLine { Line = 1, Resolution = resolve }), .. Frame(new ImportResolutionLine { Line = 2, Resolution = resolve })]]),
            new(PlatformService.Predictions, predictions + "ListDue", Frames(new ListDueRequest { PageSize = 5, AsOf = "2030-01-01" })),
            new(PlatformService.Predictions, predictions + "GetScoreboard", Frames(new GetScoreboardRequest { Group = ScoreGroup.Predictor, Limit = 10, IncludeCalibration = true })),
            new(PlatformService.Predictions, predictions + "GetPredictorProfile", Frames(new GetPredictorProfileRequest { Name = "Lena Marsh", Recent = 3 })),
            new(PlatformService.Predictions, predictions + "SuggestEvidence", Frames(new SuggestEvidenceRequest { DocumentId = "doc-seed", Limit = 3 })),
            new(PlatformService.Predictions, forecasts + "ExtractPredictions", Frames(extract)),
            new(PlatformService.Predictions, forecasts + "ExtractPredictionsBatch", Frames(new ExtractPredictionsBatchRequest
            {
                Items = { extract, new ExtractPredictionsRequest { ContentSha256 = "fuzz", Body = ForecastText } },
            })),
            new(PlatformService.Predictions, forecasts + "ForgetDocument", Frames(new PredictionForget { DocumentId = Missing })),
        ];
    }

    private static byte[] Frame(IMessage message) => RawGrpc.Frame(message.ToByteArray());

    private static byte[][] Frames(params IMessage[] messages) => [.. messages.Select(Frame)];
}
