using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Animation;

/// <summary>A forum with its first admin and a "news" category, and the calls the animation tests share.</summary>
public abstract class AnimationTest : ForumTest
{
    protected AnimationTest(StorageEngine engine)
        : base(engine) => Forum.WithBootstrapAdmin();

    protected async Task<(HttpClient Client, Tokens Admin)> ForumAsync()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        return (client, admin);
    }

    /// <summary>Starts a topic (with a poll when given); returns the created answer (topicId, postId).</summary>
    protected static async Task<JsonElement> StartAsync(HttpClient client, Tokens by, string title, object? poll = null)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/topics", by, new { category = "news", title, body = $"Opening post of {title}.", poll });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    protected static async Task<string> ReplyAsync(HttpClient client, Tokens by, string topicId, string body)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", by, new { body });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("postId").GetString()!;
    }

    protected static async Task<JsonElement> TopicAsync(HttpClient client, string topicId, Tokens? as_ = null)
    {
        var response = await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", as_);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    protected static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        if (code is not null)
        {
            Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        }
    }

    protected static async Task<string> PageAsync(HttpClient client, string path, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
