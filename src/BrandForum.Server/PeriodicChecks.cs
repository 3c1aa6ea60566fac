namespace BrandForum.Server;

/// <summary>The loop of a background check that runs every so often until the server stops.</summary>
public static class PeriodicChecks
{
    /// <summary>
    /// Runs <paramref name="round"/> every <paramref name="interval"/> (on <paramref name="time"/>'s clock) until
    /// <paramref name="ct"/> ends; a failed round is reported to <paramref name="failed"/> and the next one comes as
    /// usual. The first round waits one interval unless <paramref name="atOnce"/>.
    /// </summary>
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken ct, bool atOnce = false)
    {
        using var timer = new PeriodicTimer(interval, time);
        if (!atOnce && !await timer.NextTickAsync(ct))
        {
            return;
        }

        do
        {
            try
            {
                await round(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
        while (await timer.NextTickAsync(ct));
    }

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
