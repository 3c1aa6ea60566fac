using System.Text;

namespace BrandForum.Server.Seeding;

/// <summary>
/// Titles and Markdown bodies in English or French, assembled from phrase banks with a seeded
/// <see cref="Random"/>: paragraphs, lists, links, bold, inline code and code blocks, @mentions and quotes,
/// so topic pages, the renderer and the search index see the variety real posts have.
/// </summary>
public sealed class DemoText(Random random)
{
    private static readonly string[] Products = ["Lumio City 2", "Lumio Trail X", "Lumio Cargo", "Lumio Fold"];

    private static readonly string[] EnglishAnnouncements =
    [
        "Firmware 3.3 is out for the {0}",
        "Recall notice: some {0} chargers need replacing",
        "The {0} is now available in more shops",
    ];

    private static readonly string[] FrenchAnnouncements =
    [
        "Le firmware 3.3 est disponible pour le {0}",
        "Rappel : certains chargeurs du {0} doivent être remplacés",
        "Le {0} arrive dans de nouveaux magasins en décembre",
    ];

    private static readonly string[] EnglishTitles =
    [
        "{0} battery drains faster since the last update",
        "Best tyres for {0} in winter?",
        "Strange clicking noise on my {0} after 2,000 km",
        "Feature request: route export from {0}",
        "My first month with the {0}: a long review",
        "How do you lock your {0} in the city?",
        "Firmware 3.2 on {0}: what changed for you?",
        "Is it worth upgrading from a City 1 to the {0}?",
        "Commuting 30 km a day on a {0} — tips welcome",
        "Rear light stopped working on {0}",
        "Group ride this Sunday, who is in?",
        "Range test: {0} in eco mode vs turbo",
    ];

    private static readonly string[] FrenchTitles =
    [
        "Autonomie de la batterie du {0} en hiver : vos retours ?",
        "Bruit de roue libre sur mon {0} après 2 000 km",
        "Premières impressions sur le {0} — vélo électrique génial",
        "Quel antivol pour un {0} garé à la gare ?",
        "Sortie du dimanche à Annecy : qui vient rouler ?",
        "Réglage des freins du {0}, je n'y arrive pas",
        "Mise à jour 3.2 du {0} : déçu ou ravi ?",
        "Vélotaf quotidien avec le {0} : mon bilan après un été",
        "Idée : un porte-bagages plus léger pour le {0}",
        "Voyage à vélo électrique le long de la Loire",
        "Problème de chargeur avec le {0}, ça clignote en rouge",
        "Où faire réviser son {0} près de Lyon ?",
    ];

    private static readonly string[] EnglishSentences =
    [
        "I have been riding mine every day since March and it still feels great.",
        "The battery usually lasts about 60 km in eco mode, less when it is cold.",
        "Support answered within a day and sent a replacement part.",
        "I tried resetting the controller but the problem came back after a week.",
        "Honestly the motor is quiet enough that people do not notice it is an e-bike.",
        "The app sometimes loses the connection when I start a ride.",
        "My dealer says it is a known issue and a fix is coming.",
        "I would love a way to export rides to other apps.",
        "Tyre pressure makes a huge difference to the range, check it weekly.",
        "It took me an afternoon to adjust the brakes properly, but it was worth it.",
        "The cargo version carries two kids and the shopping without complaint.",
        "Has anyone measured the real charging time with the fast charger?",
        "Thanks for sharing, this is really useful.",
        "Same here, and I am on the latest firmware too.",
    ];

    private static readonly string[] FrenchSentences =
    [
        "Je roule avec tous les jours depuis mars et j'en suis toujours ravi.",
        "La batterie tient environ 60 km en mode éco, un peu moins quand il fait froid.",
        "Le service client a répondu en moins d'un jour, c'était très réactif.",
        "J'ai réinitialisé le contrôleur mais le problème est revenu après une semaine.",
        "Le moteur est si silencieux que personne ne remarque que c'est un vélo électrique.",
        "L'application perd parfois la connexion au démarrage, c'est agaçant.",
        "Mon vélociste dit que c'est un défaut connu et qu'une mise à jour arrive bientôt.",
        "Ce serait génial de pouvoir exporter ses trajets vers d'autres applis.",
        "La pression des pneus change énormément l'autonomie, vérifiez-la chaque semaine.",
        "Il m'a fallu un après-midi pour régler les freins, mais ça valait le coup.",
        "Le biporteur transporte les deux enfants et les courses sans broncher.",
        "Quelqu'un a mesuré le temps de charge réel avec le chargeur rapide ?",
        "Merci pour le partage, ça répond à ma question.",
        "Pareil chez moi, et pourtant j'ai la dernière version du firmware.",
    ];

    private static readonly string[] EnglishList = ["check the tyre pressure", "update the firmware", "clean the chain", "recalibrate the torque sensor", "charge to 80 % for storage"];

    private static readonly string[] FrenchList = ["vérifier la pression des pneus", "mettre à jour le firmware", "nettoyer la chaîne", "recalibrer le capteur de couple", "stocker la batterie à 80 %"];

    private static readonly string[] Links =
    [
        "[the user manual](https://example.com/lumio/manual.pdf)",
        "[this video](https://example.com/videos/brake-setup)",
        "[la FAQ officielle](https://example.com/lumio/faq)",
        "[le tracé GPX](https://example.com/routes/loire.gpx)",
    ];

    private static readonly string[] Codes = ["`fw 3.2.1`", "`ERR_BMS_07`", "`settings > assist > eco`", "`PowerPack 500 / 36 V`"];

    public string Title(Language language, bool announcement)
    {
        var templates = (language, announcement) switch
        {
            (Language.French, true) => FrenchAnnouncements,
            (Language.French, false) => FrenchTitles,
            (_, true) => EnglishAnnouncements,
            _ => EnglishTitles,
        };
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, DemoCommunity.Pick(random, templates), DemoCommunity.Pick(random, Products));
    }

    /// <summary>An opening post: longer, often with a list, a link, some code.</summary>
    public string Opening(Language language, string? mention) => Body(language, paragraphs: random.Next(2, 5), mention, quote: null, rich: true);

    /// <summary>A reply: usually short; sometimes quoting the post it answers.</summary>
    public string Reply(Language language, string? mention, string? quote) =>
        Body(language, paragraphs: random.Next(4) == 0 ? 2 : 1, mention, quote, rich: random.Next(5) == 0);

    /// <summary>The first sentence of a post, as a quote would show it.</summary>
    public static string QuoteOf(string body)
    {
        var line = body.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith('>')) ?? body;
        return line.Length > 140 ? line[..140] + "…" : line;
    }

    private string Body(Language language, int paragraphs, string? mention, string? quote, bool rich)
    {
        var french = language == Language.French;
        var sentences = french ? FrenchSentences : EnglishSentences;
        var text = new StringBuilder();
        if (quote is not null)
        {
            text.Append("> ").Append(quote).Append("\n\n");
        }

        if (mention is not null)
        {
            text.Append(french ? "Salut @" : "Hi @").Append(mention).Append(french ? " ! " : "! ");
        }

        for (var p = 0; p < paragraphs; p++)
        {
            var count = random.Next(1, 4);
            for (var s = 0; s < count; s++)
            {
                var sentence = DemoCommunity.Pick(random, sentences);
                text.Append(random.Next(8) == 0 ? $"**{sentence}**" : sentence).Append(' ');
            }

            if (rich && random.Next(3) == 0)
            {
                text.Append(french ? "Version : " : "Version: ").Append(DemoCommunity.Pick(random, Codes)).Append('.');
            }

            text.Append("\n\n");
            if (rich && p == 0 && random.Next(2) == 0)
            {
                text.Append(french ? "Ce que j'ai déjà essayé :\n\n" : "What I already tried:\n\n");
                foreach (var item in (french ? FrenchList : EnglishList).OrderBy(_ => random.Next()).Take(random.Next(2, 5)))
                {
                    text.Append("- ").Append(item).Append('\n');
                }

                text.Append('\n');
            }
        }

        if (rich && random.Next(3) == 0)
        {
            text.Append(french ? "Plus de détails dans " : "More details in ").Append(DemoCommunity.Pick(random, Links)).Append(".\n\n");
        }

        if (rich && random.Next(6) == 0)
        {
            text.Append("```\n[bms] cell 3: 3.61 V\n[bms] cell 4: 3.12 V  <-- low\n[motor] assist=eco torque=18Nm\n```\n");
        }

        return text.ToString().TrimEnd();
    }
}
