namespace BrandForum.Server.Analytics;

/// <summary>The loop of a background check that runs every so often until the server stops.</summary>
public static class PeriodicChecks
{
    /// <summary>Waits for the next tick; false once the server is stopping.</summary>
    public static async Task<bool> NextTickAsync(this PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
