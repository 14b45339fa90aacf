namespace Platform.Entities.Recognition.Tests;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Haider al-Abadi", "haider abadi")]
    [InlineData("Al Abadi", "abadi")]
    [InlineData("al-Abadi", "abadi")]
    [InlineData("Popular Mobilisation Units", "popular mobilization units")]
    [InlineData("Popular Mobilization Units", "popular mobilization units")]
    [InlineData("Erdoğan", "erdogan")]
    [InlineData("U.N.", "un")]
    [InlineData("Shi'ite", "shiite")]
    [InlineData("the Peshmerga", "peshmerga")]
    [InlineData("al-Qaida", "qaeda")]
    public void Name_FoldsTheSpellingsOfOneName(string name, string key) => Assert.Equal(key, NameKey.Name(name));

    [Fact]
    public void Skeleton_AndDistance_FindTransliterationVariants_ButNotOtherNames()
    {
        Assert.Equal(NameKey.Skeleton("haider abadi"), NameKey.Skeleton("haidar abadi"));
        Assert.Equal(NameKey.Skeleton("moqtada sadr"), NameKey.Skeleton("muqtada sadr"));
        Assert.Equal(1, NameKey.Distance("haider abadi", "haidar abadi", 2));
        Assert.True(NameKey.Distance("ali hassan", "ali hussein", 1) > 1);
    }
}
