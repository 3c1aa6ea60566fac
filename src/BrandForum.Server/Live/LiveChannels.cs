namespace BrandForum.Server.Live;

/// <summary>The channel names clients subscribe to (API.md, Live).</summary>
public static class LiveChannels
{
    public const string Me = "me";
    public const string Moderation = "moderation";

    public static string Topic(Guid topicId) => $"topic:{topicId}";

    public static string Category(string slug) => $"category:{slug}";

    public static bool IsTopic(string channel, out Guid topicId)
    {
        topicId = default;
        return channel.StartsWith("topic:", StringComparison.Ordinal) && Guid.TryParse(channel.AsSpan("topic:".Length), out topicId);
    }

    public static bool IsCategory(string channel, out string slug)
    {
        slug = channel.StartsWith("category:", StringComparison.Ordinal) ? channel["category:".Length..] : "";
        return slug.Length > 0 && Domain.Categories.Category.IsValidSlug(slug);
    }
}
