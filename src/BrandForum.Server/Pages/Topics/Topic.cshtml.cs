using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Content;
using BrandForum.Server.Http;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Topics;

/// <summary>
/// A topic: a page of posts, reactions, moderation and the reply composer. Every action is a form POST that
/// redirects back (Post/Redirect/Get); a refused reply re-shows the page with the refusal and what was typed.
/// Reactions answer a script's request (X-Requested-With: fetch) with the post's new reaction bar instead.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = AnonymousPageCache.PolicyName)]
public sealed partial class TopicModel(
    TopicReads topics, PostReads posts, CategoryReads categories, TopicCommands commands, ReviewCommands review, ReactionKinds kinds, MarkdownRenderer renderer,
    SqlEventStore store, TopicHistory history, TimeProvider time, IStringLocalizer<Texts> t)
    : PageModel
{
    /// <summary>The log position read before the page: live updates (wwwroot/js/live.js) follow the topic from there, so none is missed.</summary>
    public long LivePosition { get; private set; }

    public TopicPage Topic { get; private set; } = null!;

    public CategorySummary? Category { get; private set; }

    public int LastPage { get; private set; }

    public IReadOnlyList<PostCardView> Posts { get; private set; } = [];

    /// <summary>Posts waiting for review that the reader may see (their own, all for staff), listed after the last page's posts.</summary>
    public IReadOnlyList<HeldPostView> HeldPosts { get; private set; } = [];

    /// <summary>Where a moderator may move the topic.</summary>
    public IReadOnlyList<CategorySummary> MoveTargets { get; private set; } = [];

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public Guid? ReplyTo { get; set; }

    public string? PreviewHtml { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public Viewer Reader => Viewer.Of(User);

    public bool SignedIn => Reader.MemberId is not null;

    public bool IsStaff => Reader.IsStaff;

    public bool CanReply => SignedIn && (!Topic.Locked || IsStaff) && AsOf is null;

    /// <summary>The topic's author and staff mark (and undo) its solution.</summary>
    public bool CanSolve => SignedIn && (IsStaff || Reader.MemberId == Topic.AuthorId);

    /// <summary>Time travel (staff): the instant the topic is shown as it was, rebuilt from the log; read-only.</summary>
    public DateTimeOffset? AsOf { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid topicId, [FromQuery(Name = "page")] int? pageNumber, Guid? quote, DateTimeOffset? asOf, CancellationToken ct)
    {
        if (!await LoadAsync(topicId, pageNumber ?? 1, ct))
        {
            return this.NotFoundPage();
        }

        if (asOf is { } instant && IsStaff)
        {
            return await history.AsOfAsync(topicId, instant, Reader, ct) is { } then ? ShowAsOf(then, instant) : this.NotFoundPage();
        }

        if (quote is { } quoted && CanReply && await posts.SourceAsync(quoted, Reader, ct) is { Deleted: false } source && source.TopicId == topicId)
        {
            Body = Quote(source);
            ReplyTo = source.PostId;
        }

        if (Reader.MemberId is { } reader && Topic.Posts.Count > 0)
        {
            await topics.MarkReadAsync(reader, topicId, Topic.Posts.Max(p => p.Number), ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid topicId, bool preview, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        var text = Body ?? "";
        if (!preview)
        {
            var (posted, refused) = await commands.ReplyAsync(Reader, topicId, text, ReplyTo, ct);
            if (posted is { Number: { } number })
            {
                var page = ((number - 1) / TopicReads.PageSize) + 1;
                return Redirect($"/t/{topicId}?page={page}#post-{number}");
            }

            if (posted is { Held: true })
            {
                // Held posts are listed after the last page's posts: any page past the end shows the last one.
                return Redirect($"/t/{topicId}?page={int.MaxValue}#held-{posted.PostId}");
            }

            if (refused?.Code is "topic-not-found")
            {
                return this.NotFoundPage();
            }

            if (refused is not null)
            {
                ModelState.AddModelError(refused.Field is "body" ? nameof(Body) : "", t.Refusal(refused));
                Response.StatusCode = refused.RetryAfter is null ? Problems.StatusFor(refused.Code) : StatusCodes.Status429TooManyRequests;
            }
        }
        else
        {
            PreviewHtml = this.Preview(renderer, text);
        }

        // Back to the last page, where the composer is, with what the member typed.
        if (!await LoadAsync(topicId, int.MaxValue, ct))
        {
            return this.NotFoundPage();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReactAsync(Guid topicId, Guid postId, string? react, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        if (Reader.MemberId is not { } member)
        {
            return Challenge();
        }

        if (react is not { Length: > 1 } || react[0] is not ('+' or '-'))
        {
            return BadRequest();
        }

        var (kind, add) = (react[1..], react[0] == '+');
        var refused = await commands.ActAsync(Reader, topicId, (by, at) => new React(postId, kind, add, kinds.Allowed, by, at), ct);
        if (Request.Headers.XRequestedWith == "fetch")
        {
            if (refused is not null)
            {
                return StatusCode(Problems.StatusFor(refused.Code));
            }

            var (counts, mine) = await posts.ReactionsAsync(postId, member, ct);
            return Partial("_Reactions", new ReactionBarView(topicId, postId, pageNumber ?? 1, counts, mine, [.. kinds.Allowed], CanReact: true));
        }

        Message = refused is null ? null : t.Refusal(refused).Value;
        return Redirect($"/t/{topicId}?page={pageNumber ?? 1}#reactions-{postId}");
    }

    public Task<IActionResult> OnPostDeleteAsync(Guid topicId, Guid postId, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        ActAsync(topicId, pageNumber, (by, at) => new DeletePost(postId, by, at), t["The post is deleted."], ct);

    public Task<IActionResult> OnPostRestoreAsync(Guid topicId, Guid postId, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        ActAsync(topicId, pageNumber, (by, at) => new RestorePost(postId, by, at), t["The post is restored."], ct);

    /// <summary>A member asks moderators to look at someone else's post; enough weight of flags hides it pending review.</summary>
    public async Task<IActionResult> OnPostFlagAsync(Guid topicId, Guid postId, string? reason, string? note, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        if (FlagReasons.Parse(reason) is not { } why)
        {
            Message = t["Choose why you flag this post."];
        }
        else
        {
            var refused = await review.FlagAsync(Reader, postId, why, string.IsNullOrWhiteSpace(note) ? null : note, ct);
            Message = refused is null ? t["Thank you: the moderators will look at this post."] : t.Refusal(refused);
        }

        return Redirect($"/t/{topicId}?page={pageNumber ?? 1}");
    }

    public Task<IActionResult> OnPostSlowModeAsync(Guid topicId, int seconds, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct) =>
        ActAsync(
            topicId, pageNumber, (by, at) => new SetSlowMode(seconds, by, at),
            seconds == 0 ? t["Slow mode is off."] : t["Slow mode: one post every {0} s", seconds], ct);

    /// <summary>Lock, unlock, pin or unpin (staff; the decider refuses anyone else).</summary>
    public Task<IActionResult> OnPostModerateAsync(Guid topicId, string? change, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        (Func<Actor, DateTimeOffset, TopicCommand>? command, string done) = change switch
        {
            "lock" => ((by, at) => new LockTopic(true, by, at), t["The topic is locked."].Value),
            "unlock" => ((by, at) => new LockTopic(false, by, at), t["The topic is unlocked."].Value),
            "pin" => ((by, at) => new PinTopic(true, by, at), t["The topic is pinned."].Value),
            "unpin" => ((by, at) => new PinTopic(false, by, at), t["The topic is unpinned."].Value),
            _ => ((Func<Actor, DateTimeOffset, TopicCommand>?)null, ""),
        };
        return command is null ? Task.FromResult<IActionResult>(BadRequest()) : ActAsync(topicId, pageNumber, command, done, ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid topicId, string? category, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        var refused = string.IsNullOrEmpty(category)
            ? new Refusal("category-not-found", "Choose a category.", null)
            : await commands.MoveAsync(Reader, topicId, category, ct);
        Message = refused is null ? t["The topic is moved."] : t.Refusal(refused);
        return Redirect($"/t/{topicId}");
    }

    private async Task<IActionResult> ActAsync(Guid topicId, int? page, Func<Actor, DateTimeOffset, TopicCommand> command, string done, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        var refused = await commands.ActAsync(Reader, topicId, command, ct);
        if (refused?.Code is "topic-not-found")
        {
            return this.NotFoundPage();
        }

        Message = refused is null ? done : t.Refusal(refused);
        return Redirect($"/t/{topicId}?page={page ?? 1}");
    }

    /// <summary>The topic as it was: every post on one page, nothing to act on.</summary>
    private PageResult ShowAsOf(TopicPage then, DateTimeOffset instant)
    {
        AsOf = instant;
        Topic = then;
        LastPage = 1;
        var kindsAllowed = kinds.Allowed.ToList();
        var none = new HashSet<string>(StringComparer.Ordinal);
        Posts = [.. then.Posts.Select(p => new PostCardView(
            p, then.TopicId, 1, new ReactionBarView(then.TopicId, p.PostId, 1, p.Reactions, none, kindsAllowed, false), false, false, false, false, false))];
        HeldPosts = then.HeldPosts ?? [];
        return Page();
    }

    /// <summary>Loads a page of the topic (the last one when <paramref name="page"/> is past it); false when there is no such topic.</summary>
    private async Task<bool> LoadAsync(Guid topicId, int page, CancellationToken ct)
    {
        LivePosition = (await store.ReadHeadAsync(ct)).Position;
        if (page < 1 || await topics.PageAsync(topicId, 1, Reader, ct) is not { } first)
        {
            return false;
        }

        LastPage = PagerView.LastPageOf(first.TotalPosts, TopicReads.PageSize);
        Topic = page == 1 ? first : (await topics.PageAsync(topicId, Math.Min(page, LastPage), Reader, ct))!;
        Category = await categories.FindVisibleAsync(Topic.Category, Reader, ct);
        if (IsStaff)
        {
            MoveTargets = await categories.AllAsync(Reader, ct);
        }

        var member = Reader.MemberId;
        var mine = member is { } id ? await posts.MyReactionsAsync(id, topicId, ct) : new HashSet<(Guid, string)>();
        var now = time.GetUtcNow();
        var allowed = kinds.Allowed.ToList();
        Posts = [.. Topic.Posts.Select(p =>
        {
            var own = member == p.Author.MemberId;
            var reactions = new ReactionBarView(
                topicId, p.PostId, Topic.Page, p.Reactions, mine.Where(m => m.PostId == p.PostId).Select(m => m.Kind).ToHashSet(StringComparer.Ordinal), allowed, member is not null);
            return new PostCardView(
                p, topicId, Topic.Page, reactions,
                CanReply: CanReply && !p.Deleted,
                CanEdit: !p.Deleted && (IsStaff || (own && now - p.CreatedAt < Domain.Topics.Topic.AuthorEditWindow)),
                CanDelete: !p.Deleted && (IsStaff || own),
                CanRestore: p.Deleted && IsStaff,
                CanFlag: member is not null && !own && !p.Deleted && !p.Hidden,
                CanMarkSolution: CanSolve && p.Number > 1 && !p.Deleted && !p.Hidden && Topic.SolvedBy != p.PostId,
                CanPickWinner: IsStaff && Topic.Contest is { Closed: true } contest && p.Number > 1 && !p.Deleted && !p.Hidden && p.CreatedAt < contest.Deadline
                    && contest.Winners.All(w => w.PostId != p.PostId));
        })];
        if (Topic.Poll is { Closed: false, ClosesAt: not null })
        {
            // The page changes by itself when the poll closes: a copy for visitors must not outlive that.
            HttpContext.Items[AnonymousPageCache.DoNotStore] = true;
        }
        HeldPosts = Topic.Page == LastPage ? Topic.HeldPosts ?? [] : [];
        return true;
    }

    private static string Quote(PostSource source)
    {
        var lines = source.Markdown.ReplaceLineEndings("\n").Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line);
        return $"> @{source.Author.UserName ?? "someone"} wrote:\n{string.Join('\n', lines)}\n\n";
    }
}
