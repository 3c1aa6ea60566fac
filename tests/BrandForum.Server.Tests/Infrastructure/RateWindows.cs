namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>
/// Rate-limit windows are aligned to the clock (every node must agree on them), so a test that counts attempts
/// starts well inside a minute: a window that ends mid-test would reset the count it checks.
/// </summary>
public static class RateWindows
{
    public static async Task StartWellInsideAMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - now.Second));
        }
    }
}
