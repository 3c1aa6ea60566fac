using System.Security.Claims;
using BrandForum.Domain.Listening;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Listening;

public sealed record WatchlistRequest(IReadOnlyList<string>? Terms);

/// <summary>The watchlist (event-sourced) and the mentions of its terms (staff).</summary>
public static class ListeningEndpoints
{
    public static IEndpointRouteBuilder MapListening(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/listening").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        staff.MapPut("/watchlist", async (WatchlistRequest? body, ClaimsPrincipal user, ListeningCommands commands, CancellationToken ct) =>
        {
            if (body?.Terms is not { } terms)
            {
                return Problems.Invalid("terms", "Give the whole list of terms, an empty list to stop listening.");
            }

            var (list, refusal) = await commands.SetWatchlistAsync(terms, MemberPrincipal.MemberId(user)!.Value, ct);
            return refusal is not null ? Problems.From(refusal) : Results.Ok(new { terms = list });
        });
        staff.MapGet("/watchlist", async (ListeningReads reads, CancellationToken ct) => Results.Ok(new { terms = await reads.WatchlistAsync(ct) }));
        staff.MapGet("/mentions", async (string? term, string? interval, HttpRequest request, ListeningReads reads, AnalyticsReads analytics, TimeProvider time, CancellationToken ct) =>
        {
            var (period, problem) = await AnalyticsEndpoints.PeriodAsync(request, analytics, time, ct);
            if (period is null)
            {
                return problem!;
            }

            var hourly = (interval ?? "hour") switch { "hour" => true, "day" => false, _ => (bool?)null };
            if (hourly is null)
            {
                return Problems.Invalid("interval", "An interval is hour or day.");
            }

            if (hourly.Value && period.Days > ListeningReads.MaxHourlyDays)
            {
                return Problems.Invalid("interval", $"Hourly series cover at most {ListeningReads.MaxHourlyDays} days: ask for days.");
            }

            var watched = await reads.WatchlistAsync(ct);
            if (term is not null && !watched.Contains(term, StringComparer.Ordinal))
            {
                return Problems.Problem(StatusCodes.Status404NotFound, "This term is not on the watchlist.", "term-not-found");
            }

            var terms = term is null ? watched : [term];
            return Results.Ok(new { interval = hourly.Value ? "hour" : "day", from = period.FromDay, to = period.ToDay, terms = await reads.MentionsAsync(terms, period, hourly.Value, ct) });
        });
        return app;
    }
}

/// <summary>Replaces the watchlist through its decider.</summary>
public sealed class ListeningCommands(IEventStore store, TimeProvider time)
{
    public async Task<(IReadOnlyList<string> Terms, Refusal? Refusal)> SetWatchlistAsync(IReadOnlyList<string> terms, Guid by, CancellationToken ct)
    {
        var command = new SetWatchlist(terms, by, time.GetUtcNow());
        var decided = await store.DecideAsync(ListeningSetup.WatchlistStream, Watchlist.Decider, command, new EventMetadata(Actor: by.ToString()), ct: ct);
        if (decided.Decision.Error is { } error)
        {
            return ([], new Refusal(error.Code, error.Message, "terms"));
        }

        // The list as kept (trimmed, without repeats), also when it was already the watchlist and nothing was appended.
        return (Watchlist.Decide(command, WatchlistState.Empty).Events.OfType<WatchlistSet>().SingleOrDefault()?.Terms ?? [], null);
    }
}
