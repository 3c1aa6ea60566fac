using BrandForum.Server.Analytics;
using BrandForum.Server.Animation;
using BrandForum.Server.Badges;
using BrandForum.Server.Categories;
using BrandForum.Server.Content;
using BrandForum.Server.Crisis;
using BrandForum.Server.Editorial;
using BrandForum.Server.Health;
using BrandForum.Server.Http;
using BrandForum.Server.Listening;
using BrandForum.Server.Live;
using BrandForum.Server.Localization;
using BrandForum.Server.LogStats;
using BrandForum.Server.Members;
using BrandForum.Server.Members.Passkeys;
using BrandForum.Server.Members.TwoFactor;
using BrandForum.Server.Moderation;
using BrandForum.Server.Projections;
using BrandForum.Server.Referrals;
using BrandForum.Server.Search;
using BrandForum.Server.Seeding;
using BrandForum.Server.Storage;
using BrandForum.Server.Themes;
using BrandForum.Server.Topics;

try
{
    var command = ProjectionsCommand.Matches(args) || SeedCommand.Matches(args) ? args : null;
    var builder = WebApplication.CreateBuilder(command is null ? args : []);
    builder.Services
        .AddForumStorage(builder.Configuration)
        .AddContent(builder.Configuration)
        .AddCategories()
        .AddTopics()
        .AddSearch()
        .AddLive()
        .AddModeration()
        .AddReferrals(builder.Configuration)
        .AddBadges()
        .AddAnimation()
        .AddEditorial(builder.Configuration)
        .AddCrisis(builder.Configuration)
        .AddAnalytics(builder.Configuration)
        .AddListening(builder.Configuration)
        .AddMembers(builder.Configuration, builder.Environment)
        .AddForumRateLimits(builder.Configuration)
        .AddForumProxies(builder.Configuration)
        .AddLogStats()
        .AddForumProjections()
        .AddForumHealth()
        .AddForumThemes(builder.Configuration, builder.Environment.ContentRootPath)
        .AddForumLocalization()
        .AddProblemDetails()
        .AddExceptionHandler<BadRequests>()
        .AddOutputCache(o => o.AddPolicy(AnonymousPageCache.PolicyName, new AnonymousPageCache()))
        .AddRazorPages();

    var app = builder.Build();
    await app.Services.MigrateForumStorageAsync();
    await app.Services.BootstrapAdminAsync();
    await app.Services.EnsureAmbassadorsCategoryAsync();
    if (command is not null)
    {
        return SeedCommand.Matches(command)
            ? await SeedCommand.RunAsync(app.Services, command, Console.Out)
            : await ProjectionsCommand.RunAsync(app.Services, command, Console.Out);
    }

    app.UseForwardedHeaders();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseStaticFiles();
    app.UseDeviceCookies();
    app.UseForumThemes();
    app.UseAuthentication();
    app.UseMiddleware<MemberPrincipal>();
    app.UseForumLocalization();
    app.UseOutputCache();
    app.UseRateLimiter();
    app.UseAuthorization();
    app.MapForumHealth();
    app.MapAuth();
    app.MapMembers();
    app.MapTwoFactor();
    app.MapPasskeys();
    app.MapCategories();
    app.MapDiscussions();
    app.MapSearch();
    app.MapPreview();
    app.MapLive();
    app.MapModeration();
    app.MapReferrals();
    app.MapBadges();
    app.MapAnimation();
    app.MapAnnouncements();
    app.MapEditorial();
    app.MapCrisis();
    app.MapAnalytics();
    app.MapListening();
    app.MapBenchmarkPlaintext();
    app.MapRazorPages();
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"BrandForum cannot start: {e.Message}");
    return 1;
}

/// <summary>The entry point, visible to the server tests' WebApplicationFactory.</summary>
public partial class Program;
