namespace Platform.Entities.Tests;

/// <summary>Short articles written for these tests.</summary>
internal static class Texts
{
    public const string Mosul = """
        By Lena Marsh

        Prime Minister Haider al-Abadi said on Monday that the offensive on Mosul would begin within weeks. Abadi told
        reporters in Baghdad that the Popular Mobilisation Units (PMU) would stay outside the city, while Kurdish
        Peshmerga forces advance from the east. The PMU has denied any plan to enter Mosul.

        Lena Marsh is a fellow at the Tigris Policy Institute.
        """;

    public const string Erbil = """
        Officials in Erbil said Al Abadi had agreed to a new budget deal. The Popular Mobilization Units were not
        mentioned in the deal, which the Kurdistan Regional Government welcomed. Daesh still holds parts of Nineveh.
        """;

    public const string Beirut = """
        Hizbullah fighters returned to southern Lebanon on Tuesday, residents said. Hezbollah's leader warned that
        Israel would pay a price for any new strike on Beirut.
        """;

    public const string Arabic = """
        قال رئيس الوزراء العراقي حيدر العبادي إن معركة الموصل ستبدأ قريبا وإن القوات العراقية مستعدة لها تماما في كل المحاور
        """;

    public const string Spanish = """
        El presidente de Colombia dijo el lunes que las negociaciones con los grupos armados continuarán durante el mes de
        noviembre en la ciudad de Bogotá, según un comunicado oficial del gobierno nacional que fue publicado por la prensa local.
        """;

    public const string NoEntities = "it rained all day and the roads were quiet; nobody expected much to change before the weekend.";
}
