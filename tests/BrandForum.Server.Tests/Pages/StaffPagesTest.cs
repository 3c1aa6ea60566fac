using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandForum.Server.Tests.Pages;

/// <summary>What the staff pages' tests share: a forum with an admin, a moderator and a topic, and a browser-like client.</summary>
public abstract class StaffPagesTest(StorageEngine engine) : ForumTest(engine)
{
    /// <summary>An admin ("root"), a moderator ("mod"), a category "news" and root's topic; returns the topic's id.</summary>
    protected async Task<string> ForumWithTopicAsync() => (await StaffForum.StartAsync(Forum)).TopicId;

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in through the sign-in page.</summary>
    protected async Task<HttpClient> WebClientAsync(string userName, string password = MemberApi.Password)
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await PostFormAsync(client, "/account/login", "/account/login", new() { ["Input.Login"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    protected static async Task<IDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form as the page <paramref name="formPage"/> would, with its antiforgery token.</summary>
    protected static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await Antiforgery.TokenFromAsync(client, formPage);
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }
}
