using BrandForum.Server.Categories;

namespace BrandForum.Server.Live;

/// <summary>
/// Who may receive an item: those the category lets in (<see cref="Access"/>), and further only one member
/// (<see cref="Member"/>: the "me" channel, or the author of a held or hidden post — with staff when
/// <see cref="StaffToo"/>) or only staff.
/// </summary>
public sealed record Audience(IReadOnlyList<string> Access, Guid? Member = null, bool StaffOnly = false, bool StaffToo = false)
{
    public static Audience Everyone { get; } = new([]);

    public bool Admits(Viewer viewer) =>
        viewer.MayEnter(Access) && (Member is null || Member == viewer.MemberId || (StaffToo && viewer.IsStaff)) && (!StaffOnly || viewer.IsStaff);
}

/// <summary>What a live client receives: the log position it came from, so a client resumes after the last one it saw.</summary>
public sealed record LiveItem(long Position, string Channel, string Type, object Data, Audience Audience)
{
    private RawJson? _message;

    /// <summary>The `event` message (API.md, Live), serialized once however many connections receive it.</summary>
    public RawJson Message => _message ??= RawJson.From(new { position = Position, channel = Channel, type = Type, data = Data });
}
