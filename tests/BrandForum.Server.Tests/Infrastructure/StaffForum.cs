using System.Net;

namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>A forum most moderation tests start from: an admin ("root"), a moderator ("mod"), a category "news" and root's topic in it.</summary>
public sealed record StaffForum(HttpClient Client, Tokens Admin, Tokens Moderator, string TopicId)
{
    public static async Task<StaffForum> StartAsync(ForumFactory forum)
    {
        forum.WithBootstrapAdmin();
        var client = forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var moderator = await client.SignUpAndInAsync("mod");
        var moderatorId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", moderator)).JsonAsync()).GetProperty("memberId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{moderatorId}/roles/Moderator", admin)).StatusCode);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "Launch day", body = "We launched today." })).JsonAsync();
        return new StaffForum(client, admin, moderator, topic.GetProperty("topicId").GetString()!);
    }
}
