namespace BrandForum.Server.Listening;

/// <summary>
/// <c>Forum:Listening</c>: a term spikes in an hour when its mentions reach <see cref="SpikeFactor"/> times its hourly
/// average over the 24 hours before, and at least <see cref="MinimumCount"/> (so 1 after 0 is no spike).
/// </summary>
public sealed class ListeningOptions
{
    public double SpikeFactor { get; set; } = 3;

    public int MinimumCount { get; set; } = 5;

    /// <summary>How often each node looks for spikes, in seconds.</summary>
    public double CheckSeconds { get; set; } = 60;
}
