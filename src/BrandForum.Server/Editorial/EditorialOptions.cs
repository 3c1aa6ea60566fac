namespace BrandForum.Server.Editorial;

/// <summary>
/// Forum:Editorial — <see cref="BrandAccount"/>: the userName items "as the brand" are published under (none: only
/// as their owner); <see cref="Publisher"/>: whether this node runs the publisher; how often it looks for due
/// items; how long its lease lasts without renewal (a dead node's work is taken over after that).
/// </summary>
public sealed record EditorialOptions(string? BrandAccount, bool Publisher, TimeSpan PollInterval, TimeSpan Lease)
{
    public static EditorialOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Forum:Editorial");
        var options = new EditorialOptions(
            section.GetValue<string?>("BrandAccount") is { Length: > 0 } brand ? brand : null,
            section.GetValue("Publisher", true),
            TimeSpan.FromMilliseconds(section.GetValue("PollMilliseconds", 5_000)),
            TimeSpan.FromSeconds(section.GetValue("LeaseSeconds", 30)));
        return options.PollInterval > TimeSpan.Zero && options.Lease > options.PollInterval
            ? options
            : throw new Storage.StartupException("Forum:Editorial:PollMilliseconds must be positive and Forum:Editorial:LeaseSeconds longer than the poll interval.");
    }
}
