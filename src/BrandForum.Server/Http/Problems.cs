using BrandForum.Domain;

namespace BrandForum.Server.Http;

/// <summary>Turns refusals into RFC 9457 problem details with the stable code as an extension.</summary>
public static class Problems
{
    public static IResult From(DomainError error) => Results.Problem(
        statusCode: StatusFor(error.Code),
        title: error.Message,
        extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    public static IResult Problem(int status, string title, string code) => Results.Problem(
        statusCode: status,
        title: title,
        extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A refusal that names a field is a validation problem on that field; otherwise its code decides the status.</summary>
    public static IResult From(Members.Refusal refusal) => refusal switch
    {
        { Field: { } field } => Invalid(field, refusal.Message),
        { RetryAfter: { } wait } => new WithRetryAfter(Problem(StatusCodes.Status429TooManyRequests, refusal.Message, refusal.Code), wait),
        _ => Problem(StatusFor(refusal.Code), refusal.Message, refusal.Code),
    };

    /// <summary>204 when the action went through, else its problem.</summary>
    public static async Task<IResult> NoContentOr(Task<Members.Refusal?> acting) =>
        await acting is { } refused ? From(refused) : Results.NoContent();

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 429 that says when to come back.</summary>
    private sealed class WithRetryAfter(IResult problem, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }

    /// <summary>Codes say what happened; the status follows from their shape.</summary>
    public static int StatusFor(string code) => code switch
    {
        "not-allowed" or "edit-window-closed" or "member-silenced" or "referrals-closed" => StatusCodes.Status403Forbidden,
        "topic-locked" or "post-deleted" or "category-archived" or "already-appealed" or "appeal-decided" or "sanction-ended"
            or "topic-held" or "not-in-review" or "claimed-by-another" or "too-many-campaigns"
            or "poll-closed" or "contest-closed" or "contest-open" or "contest-decided" or "not-a-contest" => StatusCodes.Status409Conflict,
        "rejected-by-rule" or "not-a-reply" or "not-an-entry" => StatusCodes.Status422UnprocessableEntity,
        _ when code.EndsWith("-not-found", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        _ when code.EndsWith("-exists", StringComparison.Ordinal) || code.StartsWith("cannot-", StringComparison.Ordinal) => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
