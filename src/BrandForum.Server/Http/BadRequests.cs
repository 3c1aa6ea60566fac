using Microsoft.AspNetCore.Diagnostics;

namespace BrandForum.Server.Http;

/// <summary>
/// A request the framework could not read (malformed JSON, a body over its size limit) is the client's
/// fault: answer with its own 4xx status as problem details, never as a 500.
/// </summary>
public sealed class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? null : "Send a JSON body with the fields this endpoint expects.",
            },
        });
    }
}
