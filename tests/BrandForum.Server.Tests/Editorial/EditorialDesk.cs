using System.Net;
using System.Text.Json;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;

namespace BrandForum.Server.Tests.Editorial;

/// <summary>Two community managers (root the admin, "editor" a moderator), a member and a "news" category, on one node.</summary>
public sealed record EditorialDesk(HttpClient Client, Tokens Admin, Tokens Cm, Tokens Member)
{
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["Forum:Editorial:PollMilliseconds"] = "100",
        ["Forum:Editorial:LeaseSeconds"] = "2",
    };

    public static async Task<EditorialDesk> OpenAsync(HttpClient client)
    {
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var cm = await client.SignUpAndInAsync("editor");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{await client.IdAsync(cm)}/roles/Moderator", admin)).StatusCode);
        var member = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        return new EditorialDesk(client, admin, cm, member);
    }

    /// <summary>An item written by editor, submitted and approved by root: scheduled. Returns its id.</summary>
    public async Task<string> ScheduleAsync(string title, DateTimeOffset publishAt, object? recurrence = null, string author = "owner")
    {
        var created = await Client.SendAsync(HttpMethod.Post, "/api/editorial/items", Cm, new { category = "news", title, body = $"{title}: tell us what you think.", publishAt, recurrence, author });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var itemId = (await created.JsonAsync()).GetProperty("itemId").GetString()!;
        foreach (var (who, state) in new[] { (Cm, "draft"), (Cm, "review"), (Admin, "scheduled") })
        {
            var moved = await Client.SendAsync(HttpMethod.Patch, $"/api/editorial/items/{itemId}", who, new { state });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        }

        return itemId;
    }

    public async Task<JsonElement> ItemAsync(string itemId, Tokens? as_ = null)
    {
        var response = await Client.SendAsync(HttpMethod.Get, $"/api/editorial/items/{itemId}", as_ ?? Admin);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>The topic of a publication, once started (up to 15 s).</summary>
    public async Task<JsonElement> TopicAsync(string topicId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await Client.GetAsync(new Uri($"/api/topics/{topicId}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.JsonAsync();
            }

            Assert.True(attempt < 150, $"Topic {topicId} was never started.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits (up to 15 s) until the item has published <paramref name="count"/> occurrences; returns it.</summary>
    public async Task<JsonElement> WaitForPublicationsAsync(string itemId, int count, Tokens? as_ = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var item = await ItemAsync(itemId, as_);
            if (item.GetProperty("publications").GetArrayLength() >= count)
            {
                return item;
            }

            Assert.True(attempt < 150, $"Item {itemId} never reached {count} publications: {item}");
            await Task.Delay(100);
        }
    }
}
