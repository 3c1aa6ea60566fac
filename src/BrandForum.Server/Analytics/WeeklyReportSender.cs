using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Members.Email;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BrandForum.Server.Analytics;

/// <summary>A weekly report went out (stream <c>analytics-report-{monday}</c>, one event per week).</summary>
public sealed record WeeklyReportSent(DateOnly Week, int Recipients, DateTimeOffset At);

/// <summary>
/// Emails last week's report to every CM (Moderator or Admin), in the language each chose (English when none), once the configured day and hour have come. Exactly one
/// node sends: each claims the week by appending to the week's stream with "no stream yet" as the expected version,
/// and only the append that wins sends. The claim comes before the mail, so a crash between the two loses that
/// week's mail rather than sending it twice (the report can still be downloaded).
/// </summary>
public sealed class WeeklyReportSender(
    IServiceScopeFactory scopes, IEventStore log, SqlEventStore store, WeeklyReport report, IEmailSender email, IOptions<AnalyticsOptions> options,
    TimeProvider time, ILogger<WeeklyReportSender> logger) : BackgroundService
{
    public static string StreamId(DateOnly monday) => $"analytics-report-{AnalyticsSchema.Day(monday)}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WeeklyReport)
        {
            return;
        }

        // The first look comes one period after start, not at once: a node that restarts often does no extra work.
        await PeriodicChecks.RunAsync(
            TimeSpan.FromSeconds(options.Value.ReportCheckSeconds), time, SendIfDueAsync,
            e => logger.LogError(e, "The weekly report could not be sent; trying again later"), stoppingToken);
    }

    /// <summary>Sends last week's report if it is due and no node has sent it; true when this call sent it.</summary>
    public async Task<bool> SendIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var thisMonday = WeeklyReport.Monday(DateOnly.FromDateTime(now.UtcDateTime));
        var due = thisMonday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            .AddDays(((int)options.Value.ReportDay + 6) % 7).AddHours(options.Value.ReportHour);
        if (now.UtcDateTime < due)
        {
            return false;
        }

        var week = thisMonday.AddDays(-7);
        var recipients = await RecipientsAsync(ct);
        try
        {
            await log.AppendAsync(StreamId(week), ExpectedVersion.NoStream, [new WeeklyReportSent(week, recipients.Count, now)], new EventMetadata(Actor: "weekly-report"), ct);
        }
        catch (ConcurrencyException)
        {
            return false;
        }

        // Each CM reads it in their own language: rendered once per language, not once per recipient.
        foreach (var language in recipients.GroupBy(r => r.Language))
        {
            var culture = WeeklyReport.CultureOf(language.Key);
            var html = await report.RenderAsync(week, culture, ct);
            foreach (var (address, _) in language)
            {
                await email.SendAsync(new EmailMessage(address, report.Title(week, culture), html, now, Html: true), ct);
            }
        }

        logger.LogInformation("Sent the weekly report of {Week} to {Count} CMs", week, recipients.Count);
        return true;
    }

    /// <summary>The addresses of the members who hold the Moderator or Admin role now, with the language each chose (null: none).</summary>
    private async Task<IReadOnlyList<(string Address, string? Language)>> RecipientsAsync(CancellationToken ct)
    {
        var staff = await store.QueryAsync(
            "SELECT DISTINCT r.member_id, c.language FROM member_roles r LEFT JOIN member_cards c ON c.member_id = r.member_id WHERE r.role IN ('Moderator', 'Admin')",
            r => (Id: AnalyticsProjection.ReadId(r.GetValue(0)), Language: Sql.ReadOptionalString(r, 1)), ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var addresses = new List<(string, string?)>();
        foreach (var (id, language) in staff)
        {
            if (await users.FindByIdAsync(id.ToString()) is { Email: { Length: > 0 } address })
            {
                addresses.Add((address, language));
            }
        }

        return addresses;
    }
}
