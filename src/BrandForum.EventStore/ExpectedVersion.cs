namespace BrandForum.EventStore;

/// <summary>
/// What the caller believes the stream's version is. Versions count events in the stream from 1,
/// so <see cref="NoStream"/> is version 0 and <see cref="Any"/> skips the check.
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for any, 0 for no stream, n for exactly n events.</summary>
    public long Value { get; }

    public static ExpectedVersion Any { get; } = new(-1);

    public static ExpectedVersion NoStream { get; } = new(0);

    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A stream version is 0 or more.");

    public bool IsAny => Value < 0;

    public override string ToString() => Value switch
    {
        < 0 => "any",
        0 => "no stream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
