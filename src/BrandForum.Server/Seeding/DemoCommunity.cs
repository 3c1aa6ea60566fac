namespace BrandForum.Server.Seeding;

public enum Language
{
    English,
    French,
}

/// <summary>A category of the demo forum; <see cref="Language"/> is null where both languages are spoken.</summary>
public sealed record DemoCategory(string Slug, string Name, string Description, string Color, Language? Language);

/// <summary>
/// The cast of the demo community around Lumio, a made-up e-bike maker: its categories and members. The text
/// they write comes from <see cref="DemoText"/>.
/// </summary>
public static class DemoCommunity
{
    public const string AdminUserName = "demo-admin";

    /// <summary>Every demo member signs in with this password (demos only: never seed a real forum).</summary>
    public const string Password = "lumio demo password";

    public static IReadOnlyList<string> Moderators { get; } = ["camille.cm", "alex_cm"];

    /// <summary>Announcements come first: the welcome topic opens there.</summary>
    public static IReadOnlyList<DemoCategory> Categories { get; } =
    [
        new("announcements", "Announcements", "News from the Lumio team: releases, firmware, recalls.", "#1d4ed8", null),
        new("product-help", "Product help", "Questions about your Lumio bike, battery, app or accessories.", "#059669", Language.English),
        new("entraide", "Entraide", "Questions et réponses entre membres francophones : réglages, pannes, entretien.", "#0d9488", Language.French),
        new("ideas", "Ideas & feedback", "Suggest features and vote for what the team should build next.", "#7c3aed", Language.English),
        new("coin-des-fans", "Le coin des fans", "Vos sorties, vos photos, vos histoires de vélo : c'est ici qu'on se retrouve.", "#db2777", Language.French),
        new("events", "Events & meetups", "Group rides, test days and the yearly Lumio festival / Sorties et rencontres.", "#ea580c", null),
        new("showcase", "Rides & builds", "Show your bike: custom builds, long trips, commuter setups.", "#ca8a04", null),
        new("off-topic", "Off-topic · Hors-sujet", "Anything else, in any language. Be kind.", "#64748b", null),
    ];

    private static readonly string[] FirstNames =
    [
        "julie", "thomas", "marion", "hugo", "chloe", "lucas", "emma", "nathan", "lea", "louis", "manon", "antoine",
        "sarah", "maxime", "oceane", "paul", "ines", "romain", "claire", "mathis", "james", "olivia", "noah", "sophie",
        "liam", "grace", "ethan", "amelia", "oscar", "isla", "jack", "freya", "leo", "ruby", "henry", "maya",
    ];

    private static readonly string[] Handles =
    [
        "velotaf", "rider", "cycles", "bzh", "lyon", "roule", "trail", "commute", "ebike", "pedale", "42", "dev",
        "paris", "montagne", "uk", "gravel", "73", "watts", "cargo", "nantes",
    ];

    /// <summary>The admin, the moderators, then members with plausible, distinct user names.</summary>
    public static IReadOnlyList<string> MemberNames(int count, Random random)
    {
        var names = new List<string> { AdminUserName };
        names.AddRange(Moderators);
        var separators = new[] { ".", "_", "-", "" };
        while (names.Count < count)
        {
            var name = $"{Pick(random, FirstNames)}{Pick(random, separators)}{Pick(random, Handles)}";
            if (name.Length <= 20 && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
