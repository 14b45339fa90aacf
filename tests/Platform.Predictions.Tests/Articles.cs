using Platform.Entities.V1;

namespace Platform.Predictions.Tests;

/// <summary>Short articles written for these tests, with the entity mentions the entity service would send.</summary>
internal static class Articles
{
    public static readonly DateTime Published = new(2016, 10, 17);

    public const string Mosul = """
        The battle for Mosul will last until the end of 2017. The Hashd is likely to remain in Nineveh until June 2017.
        One million people could be displaced within six months. Qais al-Khazali vowed that his fighters would enter Tal Afar.
        Will Baghdad pay the salaries? The army must move faster.
        """;

    public static readonly (string, string, EntityType)[] MosulEntities =
    [
        ("Mosul", "ent_mosul", EntityType.Gpe), ("Nineveh", "ent_nineveh", EntityType.Gpe), ("Hashd", "ent_pmu", EntityType.Org),
        ("Qais al-Khazali", "ent_khazali", EntityType.Person), ("Tal Afar", "ent_talafar", EntityType.Gpe), ("Baghdad", "ent_baghdad", EntityType.Gpe),
    ];

    public const string MosulLater = """
        Iraqi forces announced on Monday that the last districts of Mosul had been taken after nine months of fighting.
        """;
}
