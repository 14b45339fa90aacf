using Platform.Entities.Recognition.Lexicon;

namespace Platform.Entities.Recognition.Tests;

/// <summary>The cases the issue names, one by one.</summary>
public sealed class RecognizerTests
{
    private static readonly EntityRecognizer Recognizer = new(Lexicons.Default);

    private static List<(string Text, EntityKind Kind, string Canonical)> Mentions(string text) =>
        [.. Recognizer.Recognize(text).Mentions.Select(p => (p.Mention.Text, p.Entity.Kind, p.Entity.CanonicalName))];

    [Fact]
    public void TitleAndSurname_MakeOnePerson()
    {
        var found = Mentions("Prime Minister Haider al-Abadi spoke in Baghdad. Later, Abadi said the battle was near.");

        Assert.Contains(("Haider al-Abadi", EntityKind.Person, "Haider al-Abadi"), found);
        Assert.Contains(("Abadi", EntityKind.Person, "Haider al-Abadi"), found);
        Assert.DoesNotContain(found, m => m.Text.Contains("Minister", StringComparison.Ordinal));
    }

    [Fact]
    public void AcronymDefinedInText_JoinsItsLongForm()
    {
        var found = Mentions("Fighters of the Popular Mobilisation Militia (PMM) entered the town. The PMM denied it.");

        Assert.Equal(3, found.Count(m => m.Canonical == "Popular Mobilisation Militia" && m.Kind == EntityKind.Org));
    }

    [Fact]
    public void IsTheGroup_IsNotIsTheVerb()
    {
        var found = Mentions("The town is quiet, but IS is still present near Mosul.");

        Assert.Contains(found, m => m is { Text: "IS", Kind: EntityKind.Org });
        Assert.DoesNotContain(found, m => m.Text == "is");
    }

    [Fact]
    public void BareCommonSurname_IsNotLinkedWithoutItsFullName()
    {
        var found = Mentions("They cleared the bush near the river. Bush was not mentioned.");

        Assert.DoesNotContain(found, m => m.Kind == EntityKind.Person);
    }

    [Fact]
    public void GroupsAndNationalities_AreNorp()
    {
        var found = Mentions("Shia and Sunni leaders met Kurdish officials and Iraqi generals.");

        Assert.All(["Shia", "Sunni", "Kurdish", "Iraqi"], word => Assert.Contains(found, m => m.Text == word && m.Kind == EntityKind.Norp));
    }

    [Fact]
    public void OrganisationWords_MakeAnOrganisation()
    {
        var found = Mentions("A statement from the Nineveh Operations Command and the Tigris Policy Institute followed.");

        Assert.Contains(found, m => m is { Text: "Nineveh Operations Command", Kind: EntityKind.Org });
        Assert.Contains(found, m => m is { Text: "Tigris Policy Institute", Kind: EntityKind.Org });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void EmptyText_SaysSo(string text) => Assert.StartsWith("empty text", Recognizer.Recognize(text).SkippedReason, StringComparison.Ordinal);
}
