using BrandForum.Domain.Members;

namespace BrandForum.Domain.Tests.Members;

public sealed class MemberTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Alice = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    private static readonly Guid Admin = Guid.Parse("0197a000-0000-7000-8000-000000000002");
    private static readonly MemberRegistered Registered = new(Alice, "alice", At, null);
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);
    private static Scenario<MemberCommand, MemberEvent, MemberState> Member => Spec.For(Domain.Members.Member.Decider);

    [Fact]
    public void RegistersAMemberWithTheirReferralCode() =>
        Member.When(new RegisterMember(Alice, "alice", At, "AMB-1")).Then(new MemberRegistered(Alice, "alice", At, "AMB-1"));

    [Fact]
    public void RecordsTheReferrerTheServerCredited()
    {
        var referrer = Guid.Parse("0197a000-0000-7000-8000-000000000009");
        Member.When(new RegisterMember(Alice, "alice", At, "7k2m9qxa", referrer)).Then(new MemberRegistered(Alice, "alice", At, "7k2m9qxa", referrer));
    }

    [Fact]
    public void ReadsRegistrationsRecordedBeforeReferrersWere()
    {
        var old = """{"memberId":"0197a000-0000-7000-8000-000000000001","userName":"alice","at":"2026-11-22T10:00:00+00:00","referralCode":"AMB-1"}""";
        var read = System.Text.Json.JsonSerializer.Deserialize<MemberRegistered>(old, WebJson);
        Assert.Equal(new MemberRegistered(Alice, "alice", At, "AMB-1"), read);
        Assert.Null(read!.ReferredBy);
    }

    [Fact]
    public void RefusesToRegisterTwice() =>
        Member.Given(Registered).When(new RegisterMember(Alice, "alice", At, null)).ThenFails("member-exists");

    [Theory]
    [InlineData("al")]
    [InlineData("twenty-one-characters")]
    [InlineData("a b c")]
    [InlineData("zoë")]
    [InlineData("@alice")]
    public void RefusesAUserNameOutsideTheRule(string userName) =>
        Member.When(new RegisterMember(Alice, userName, At, null)).ThenFails("invalid-user-name");

    [Theory]
    [InlineData("abc")]
    [InlineData("Jean-Luc.P_2")]
    [InlineData("twenty-characters-ok")]
    public void AcceptsUserNamesInsideTheRule(string userName) =>
        Assert.True(UserNames.IsValid(userName));

    [Fact]
    public void GrantsARoleOnceAndRevokesIt()
    {
        Member.Given(Registered).When(new GrantRole(Roles.Moderator, Admin, At)).Then(new RoleGranted(Roles.Moderator, Admin, At));
        Member.Given(Registered, new RoleGranted(Roles.Moderator, Admin, At)).When(new GrantRole(Roles.Moderator, Admin, At)).ThenNothing();
        Member.Given(Registered, new RoleGranted(Roles.Moderator, Admin, At)).When(new RevokeRole(Roles.Moderator, Admin, At)).Then(new RoleRevoked(Roles.Moderator, Admin, At));
        Member.Given(Registered).When(new RevokeRole(Roles.Moderator, Admin, At)).ThenNothing();
    }

    [Theory]
    [InlineData("Member")]
    [InlineData("admin")]
    [InlineData("Overlord")]
    public void RefusesRolesThatCannotBeGranted(string role)
    {
        Member.Given(Registered).When(new GrantRole(role, Admin, At)).ThenFails("unknown-role");
        Member.Given(Registered).When(new RevokeRole(role, Admin, At)).ThenFails("unknown-role");
    }

    [Fact]
    public void RefusesAnAdminRevokingTheirOwnAdminRoleButNotAnother()
    {
        var adminRegistered = new MemberRegistered(Admin, "root", At, null);
        Member.Given(adminRegistered, new RoleGranted(Roles.Admin, Admin, At)).When(new RevokeRole(Roles.Admin, Admin, At)).ThenFails("cannot-revoke-own-admin");
        Member.Given(Registered, new RoleGranted(Roles.Admin, Admin, At)).When(new RevokeRole(Roles.Admin, Admin, At)).Then(new RoleRevoked(Roles.Admin, Admin, At));
    }

    [Fact]
    public void RefusesAnythingForAMemberWhoDoesNotExist()
    {
        Member.When(new GrantRole(Roles.Admin, Admin, At)).ThenFails("member-not-found");
        Member.When(new EditProfile("A", null, null, At)).ThenFails("member-not-found");
        Member.When(new ChooseLanguage("fr", At)).ThenFails("member-not-found");
    }

    [Fact]
    public void EditsTheProfileTrimmingAndClearingBlanks()
    {
        Member.Given(Registered).When(new EditProfile("  Alice  ", " Fan since 2019 ", "https://example.com/a.png", At))
            .Then(new ProfileEdited("Alice", "Fan since 2019", "https://example.com/a.png", At));
        Member.Given(Registered, new ProfileEdited("Alice", "Bio", null, At)).When(new EditProfile("Alice", "Bio", "  ", At)).ThenNothing();
        Member.Given(Registered, new ProfileEdited("Alice", "Bio", null, At)).When(new EditProfile("", null, null, At)).Then(new ProfileEdited(null, null, null, At));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("/relative.png")]
    [InlineData("ftp://example.com/a.png")]
    public void RefusesAnAvatarThatIsNotAWebAddress(string avatar) =>
        Member.Given(Registered).When(new EditProfile(null, null, avatar, At)).ThenFails("invalid-avatar-url");

    [Fact]
    public void RefusesOverlongProfileFields()
    {
        Member.Given(Registered).When(new EditProfile(new string('n', 51), null, null, At)).ThenFails("invalid-display-name");
        Member.Given(Registered).When(new EditProfile(null, new string('b', 501), null, At)).ThenFails("invalid-bio");
        Member.Given(Registered).When(new EditProfile(null, null, "https://example.com/" + new string('a', 490), At)).ThenFails("invalid-avatar-url");
    }

    [Fact]
    public void ChoosesALanguageAndGoesBackToTheBrowsersChoice()
    {
        Member.Given(Registered).When(new ChooseLanguage("fr", At)).Then(new LanguageChosen("fr", At));
        Member.Given(Registered, new LanguageChosen("fr", At)).When(new ChooseLanguage("en", At)).Then(new LanguageChosen("en", At));
        Member.Given(Registered, new LanguageChosen("fr", At)).When(new ChooseLanguage(null, At)).Then(new LanguageChosen(null, At));
    }

    [Fact]
    public void ChoosingTheSameLanguageAgainChangesNothing()
    {
        Member.Given(Registered, new LanguageChosen("fr", At)).When(new ChooseLanguage("fr", At)).ThenNothing();
        Member.Given(Registered).When(new ChooseLanguage(null, At)).ThenNothing();
    }

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    [InlineData("fr-FR")]
    [InlineData("")]
    public void RefusesALanguageThePagesAreNotTranslatedInto(string language) =>
        Member.Given(Registered).When(new ChooseLanguage(language, At)).ThenFails("unknown-language");
}
