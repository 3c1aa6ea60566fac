namespace BrandForum.Domain.Members;

public abstract record MemberCommand;

/// <summary><see cref="ReferredBy"/>: the member credited with bringing them, once the server attributed the code.</summary>
public sealed record RegisterMember(Guid MemberId, string UserName, DateTimeOffset At, string? ReferralCode, Guid? ReferredBy = null) : MemberCommand;

public sealed record GrantRole(string Role, Guid By, DateTimeOffset At) : MemberCommand;

public sealed record RevokeRole(string Role, Guid By, DateTimeOffset At) : MemberCommand;

public sealed record EditProfile(string? DisplayName, string? Bio, string? AvatarUrl, DateTimeOffset At) : MemberCommand;

/// <summary>The language the member reads the forum in: a supported code, or null to follow the browser.</summary>
public sealed record ChooseLanguage(string? Language, DateTimeOffset At) : MemberCommand;

public abstract record MemberEvent;

/// <summary>
/// A member joined. No email or other credential: those stay in the identity store, out of the log.
/// <see cref="ReferredBy"/> is null when nobody is credited, and in events recorded before referrals were attributed.
/// </summary>
public sealed record MemberRegistered(Guid MemberId, string UserName, DateTimeOffset At, string? ReferralCode, Guid? ReferredBy = null) : MemberEvent;

public sealed record RoleGranted(string Role, Guid By, DateTimeOffset At) : MemberEvent;

public sealed record RoleRevoked(string Role, Guid By, DateTimeOffset At) : MemberEvent;

public sealed record ProfileEdited(string? DisplayName, string? Bio, string? AvatarUrl, DateTimeOffset At) : MemberEvent;

public sealed record LanguageChosen(string? Language, DateTimeOffset At) : MemberEvent;

public sealed record MemberState(
    bool Exists, Guid MemberId, IReadOnlySet<string> Roles, string? DisplayName, string? Bio, string? AvatarUrl, string? Language)
{
    public static MemberState Initial { get; } = new(false, Guid.Empty, new HashSet<string>(), null, null, null, null);
}

/// <summary>A member of the community: joins, gains and loses roles, edits a public profile, chooses a language.</summary>
public static class Member
{
    public const int MaxDisplayNameLength = 50;
    public const int MaxBioLength = 500;
    public const int MaxAvatarUrlLength = 500;

    public static Decider<MemberCommand, MemberEvent, MemberState> Decider { get; } = new(MemberState.Initial, Decide, Evolve);

    public static Decision<MemberEvent> Decide(MemberCommand command, MemberState state) => command switch
    {
        RegisterMember when state.Exists => Decision<MemberEvent>.Refuse("member-exists", "This member is already registered."),
        RegisterMember r when !UserNames.IsValid(r.UserName) => Decision<MemberEvent>.Refuse("invalid-user-name", UserNames.Rule),
        RegisterMember r => Decision<MemberEvent>.Accept(new MemberRegistered(r.MemberId, r.UserName, r.At, r.ReferralCode, r.ReferredBy)),
        _ when !state.Exists => Decision<MemberEvent>.Refuse("member-not-found", "There is no such member."),
        GrantRole or RevokeRole when !Roles.IsGrantable(RoleOf(command)) =>
            Decision<MemberEvent>.Refuse("unknown-role", $"Roles that can be granted: {string.Join(", ", Roles.Grantable)}."),
        GrantRole g when state.Roles.Contains(g.Role) => Decision<MemberEvent>.Nothing,
        GrantRole g => Decision<MemberEvent>.Accept(new RoleGranted(g.Role, g.By, g.At)),
        RevokeRole r when !state.Roles.Contains(r.Role) => Decision<MemberEvent>.Nothing,
        RevokeRole r when r.Role == Roles.Admin && r.By == state.MemberId =>
            Decision<MemberEvent>.Refuse("cannot-revoke-own-admin", "An admin cannot revoke their own Admin role; ask another admin."),
        RevokeRole r => Decision<MemberEvent>.Accept(new RoleRevoked(r.Role, r.By, r.At)),
        EditProfile e => EditProfileDecision(e, state),
        ChooseLanguage c when c.Language is not null && !Languages.IsSupported(c.Language) =>
            Decision<MemberEvent>.Refuse("unknown-language", $"Languages: {string.Join(", ", Languages.Supported)}, or null to follow the browser."),
        ChooseLanguage c when c.Language == state.Language => Decision<MemberEvent>.Nothing,
        ChooseLanguage c => Decision<MemberEvent>.Accept(new LanguageChosen(c.Language, c.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown member command."),
    };

    public static MemberState Evolve(MemberState state, MemberEvent e) => e switch
    {
        MemberRegistered r => state with { Exists = true, MemberId = r.MemberId },
        RoleGranted g => state with { Roles = new HashSet<string>(state.Roles) { g.Role } },
        RoleRevoked r => state with { Roles = new HashSet<string>(state.Roles.Where(role => role != r.Role)) },
        ProfileEdited p => state with { DisplayName = p.DisplayName, Bio = p.Bio, AvatarUrl = p.AvatarUrl },
        LanguageChosen l => state with { Language = l.Language },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown member event."),
    };

    private static string RoleOf(MemberCommand command) => command switch
    {
        GrantRole g => g.Role,
        RevokeRole r => r.Role,
        _ => "",
    };

    private static Decision<MemberEvent> EditProfileDecision(EditProfile e, MemberState state)
    {
        var displayName = Blank(e.DisplayName);
        var bio = Blank(e.Bio);
        var avatar = Blank(e.AvatarUrl);
        if (displayName is { Length: > MaxDisplayNameLength })
        {
            return Decision<MemberEvent>.Refuse("invalid-display-name", $"A display name is at most {MaxDisplayNameLength} characters.");
        }

        if (bio is { Length: > MaxBioLength })
        {
            return Decision<MemberEvent>.Refuse("invalid-bio", $"A bio is at most {MaxBioLength} characters.");
        }

        if (avatar is not null && (avatar.Length > MaxAvatarUrlLength || !IsWebAddress(avatar)))
        {
            return Decision<MemberEvent>.Refuse("invalid-avatar-url", "An avatar is an http or https address of at most 500 characters.");
        }

        return displayName == state.DisplayName && bio == state.Bio && avatar == state.AvatarUrl
            ? Decision<MemberEvent>.Nothing
            : Decision<MemberEvent>.Accept(new ProfileEdited(displayName, bio, avatar, e.At));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>The roles of the community. Everyone is a <see cref="Member"/>; the others are granted.</summary>
public static class Roles
{
    public const string Member = "Member";
    public const string Ambassador = "Ambassador";
    public const string Moderator = "Moderator";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> Grantable { get; } = [Ambassador, Moderator, Admin];

    public static bool IsGrantable(string role) => Grantable.Contains(role);
}

/// <summary>The languages the forum's pages are translated into (two-letter codes, as in &lt;html lang&gt;).</summary>
public static class Languages
{
    public const string English = "en";
    public const string French = "fr";

    public static IReadOnlyList<string> Supported { get; } = [English, French];

    public static bool IsSupported(string language) => Supported.Contains(language, StringComparer.Ordinal);
}

/// <summary>User names appear in addresses and @mentions: 3–20 letters, digits, '_', '.', '-'.</summary>
public static class UserNames
{
    public const string Rule = "A user name is 3–20 characters: letters, digits, '_', '.' or '-'.";

    public static bool IsValid(string userName) =>
        userName.Length is >= 3 and <= 20 && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
