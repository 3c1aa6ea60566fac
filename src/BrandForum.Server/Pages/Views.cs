using BrandForum.Server.Topics;

namespace BrandForum.Server.Pages;

/// <summary>The pager under a list: <paramref name="Url"/> makes the address of a page.</summary>
public sealed record PagerView(int Page, int LastPage, Func<int, string> Url, string Label)
{
    public static int LastPageOf(long total, int pageSize) => Math.Max(1, (int)((total + pageSize - 1) / pageSize));
}

/// <summary>
/// The Markdown composer (inside the page's own form): a labelled text area, a preview that a no-JS "Preview" button
/// fills by posting the form back, and that wwwroot/js/forum.js fills live.
/// Without a <paramref name="SubmitLabel"/>, the page places the buttons itself (partial _ComposerActions) after its other fields.
/// </summary>
public sealed record ComposerView(string Label, string Body, string? PreviewHtml, string? SubmitLabel, int Rows = 8);

/// <summary>A post's reactions: counts for everyone, toggle buttons for members (<see cref="Mine"/> shows pressed).</summary>
public sealed record ReactionBarView(Guid TopicId, Guid PostId, int Page, IReadOnlyDictionary<string, int> Counts, IReadOnlySet<string> Mine, IReadOnlyList<string> Kinds, bool CanReact);

/// <summary>One post in a topic page with what the reader may do with it (<see cref="CanFlag"/>: someone else's visible post).</summary>
/// <summary><see cref="CanMarkSolution"/>: the reader (topic author or staff) may mark this reply as the solution; <see cref="CanPickWinner"/>: staff may pick this contest entry.</summary>
public sealed record PostCardView(
    PostView Post, Guid TopicId, int Page, ReactionBarView Reactions, bool CanReply, bool CanEdit, bool CanDelete, bool CanRestore, bool CanFlag,
    bool CanMarkSolution = false, bool CanPickWinner = false)
{
    public bool HasActions => CanReply || CanEdit || CanDelete || CanRestore || CanFlag || CanMarkSolution || CanPickWinner;
}

/// <summary>A topic in a list; the category is shown when the list mixes categories (home page).</summary>
public sealed record TopicRowView(TopicSummary Topic, string? CategorySlug = null, string? CategoryName = null, string? CategoryColor = null);

/// <summary>The access checkboxes of a category form: <paramref name="Name"/> is the form field, <paramref name="Checked"/> the roles ticked.</summary>
public sealed record AccessFieldsView(string Name, IReadOnlyList<string> Checked);

/// <summary>A topic's poll on its page; <see cref="CanVote"/>: a signed-in member while the poll is open.</summary>
public sealed record PollCardView(BrandForum.Server.Animation.PollView Poll, Guid TopicId, int Page, bool CanVote);
