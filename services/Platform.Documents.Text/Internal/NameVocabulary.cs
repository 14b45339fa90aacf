namespace Platform.Documents.Text.Internal;

/// <summary>
/// Words that show a capitalised phrase is not a person's name: places, organisations, offices, demonyms,
/// calendar words and the words that start ordinary sentences. A candidate holding any of them is refused,
/// which costs the odd real name ("Michael Jordan") but keeps "Mosul", "Prime Minister" or "The Kurds" out.
/// </summary>
internal static class NameVocabulary
{
    private static readonly HashSet<string> NotInNames = Words(
        // Sentence starters, pronouns and determiners.
        """
        the a an this that these those it its he she they we i you his her their our my your there here what which
        who whom whose when where why how such some many most all any each every both either neither no not none
        one two three if but and or so yet for nor as at by in on of to with from after before while since until
        although though because however meanwhile today yesterday tomorrow now then also even still only just
        perhaps nothing everything something anyone everyone nobody people peace war history time life politics
        power victory defeat justice hope fear faith democracy security freedom
        """,
        // Places and geographic words.
        """
        iraq syria turkey iran israel palestine gaza lebanon jordan egypt libya yemen saudi arabia qatar kuwait
        bahrain emirates oman afghanistan pakistan india china russia ukraine america britain england scotland
        wales ireland france germany italy spain europe africa asia levant kurdistan gulf middle east west north
        south northern southern eastern western central new york washington london paris berlin moscow beijing
        tehran baghdad damascus mosul aleppo raqqa fallujah kirkuk erbil basra ankara istanbul cairo beirut
        jerusalem kabul karbala najaf tikrit ramadi homs idlib city province region county district valley island
        islands mount sea river street square
        """,
        // Organisations and institutions.
        """
        university college institute school academy council committee commission ministry department government
        administration parliament congress senate assembly party army forces force navy guard police militia
        militias brigade brigades front movement coalition alliance union united nations states kingdom organisation
        organization agency bank fund foundation centre center group corporation company inc ltd news press times
        post journal herald tribune guardian telegraph reuters bloomberg associated court house office board
        authority service services network media club church mosque state islamic daesh isis isil nato un eu white
        pentagon kremlin republic federation empire caliphate hospital airport station project programme program
        initiative unit units division battalion command
        """,
        // Offices and job titles, which precede or follow names but are not names.
        """
        president minister prime secretary general colonel captain major lieutenant sergeant commander chief king
        queen prince princess emperor sultan emir pope bishop ayatollah imam cleric senator governor mayor
        ambassador spokesman spokeswoman spokesperson chairman director editor correspondent reporter writer
        columnist staff contributor analyst deputy vice former acting leader leaders official officials envoy
        representative judge attorney speaker supreme
        """,
        // Demonyms and groups.
        """
        iraqi iraqis syrian syrians turkish kurdish kurd kurds shia shiite shiites sunni sunnis arab arabs iranian
        iranians russian russians british french german european europeans western muslim muslims christian
        christians jewish israeli israelis palestinian palestinians egyptian chinese american americans
        """,
        // Calendar words ("May" is left out: it is also a surname).
        """
        january february march april june july august september october november december monday tuesday
        wednesday thursday friday saturday sunday
        """);

    private static readonly HashSet<string> Honorifics = Words(
        "dr dr. prof prof. professor mr mr. mrs mrs. ms ms. mx sir dame lord lady rev rev. reverend");

    // Lower-case parts of names: "Haider al-Abadi", "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
    private static readonly HashSet<string> Particles = Words(
        "al el bin ibn bint abu van von der den de da di du del della la le dos das ter y");

    public static bool IsNotAName(string word) => NotInNames.Contains(word);

    public static bool IsHonorific(string word) => Honorifics.Contains(word);

    public static bool IsParticle(string word) => Particles.Contains(word);

    private static HashSet<string> Words(params string[] lists)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var list in lists)
        {
            set.UnionWith(list.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        return set;
    }
}
