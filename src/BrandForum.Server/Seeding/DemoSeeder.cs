using System.Diagnostics;
using System.Globalization;
using BrandForum.Domain.Categories;
using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Seeding;

public sealed record SeedSize(int Members, int Topics, int Posts);

public sealed record SeedSummary(int Categories, int Members, int Topics, int Posts, int Reactions, TimeSpan Took);

/// <summary>
/// Writes the demo community through the real write paths: Identity's user store for credentials, then the
/// category, member and topic deciders and the event store, so every inline projection (topic pages, search,
/// member cards) fills exactly as in real use. Only the posting pace is skipped (it guards live members, and
/// the history is dated in the past). One seeded <see cref="Random"/> makes the content the same every run.
/// </summary>
public sealed class DemoSeeder(IServiceProvider services, IEventStore store, ReactionKinds reactionKinds, TimeProvider time)
{
    private const int Seed = 2026;
    private static readonly TimeSpan History = TimeSpan.FromDays(180);
    private static readonly string[] ReactionWeights = ["like", "like", "like", "like", "love", "love", "insightful", "insightful", "haha", "wow", "sad"];

    private readonly Random _random = new(Seed);
    private readonly List<(Guid Id, string Name, DateTimeOffset Joined, bool Staff)> _members = [];
    private DateTimeOffset _now;
    private int _posts;
    private int _reactions;

    public async Task<SeedSummary> RunAsync(SeedSize size, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        _now = time.GetUtcNow();
        var opened = _now - History;
        await RegisterMembersAsync(size.Members, opened, ct);
        await output.WriteLineAsync($"members: {_members.Count}");
        foreach (var category in DemoCommunity.Categories)
        {
            await store.DecideAsync(
                CategoriesSetup.StreamId(category.Slug), Category.Decider,
                new CreateCategory(NewId(opened), category.Slug, category.Name, category.Description, category.Color, [], opened),
                Metadata(_members[0].Id), ct: ct);
        }

        await output.WriteLineAsync($"categories: {DemoCommunity.Categories.Count}");
        var replies = ReplyCounts(size.Topics, size.Posts - size.Topics);
        var starts = Enumerable.Range(0, size.Topics).Select(_ => opened + (History - TimeSpan.FromDays(2)) * _random.NextDouble() + TimeSpan.FromDays(1)).Order().ToList();
        starts[0] = opened + TimeSpan.FromHours(1);
        var text = new DemoText(_random);
        var progressStep = Math.Max(1, size.Posts / 10);
        for (var i = 0; i < size.Topics; i++)
        {
            var before = _posts;
            await SeedTopicAsync(i, starts[i], replies[i], text, ct);
            if (_posts / progressStep > before / progressStep)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"posts: {_posts:N0}/{size.Posts:N0} ({i + 1} topics)"));
            }
        }

        return new SeedSummary(DemoCommunity.Categories.Count, _members.Count, size.Topics, _posts, _reactions, clock.Elapsed);
    }

    /// <summary>Credentials in Identity's store (one PBKDF2 hash shared by all: hashing each would cost ~85 ms), then the member stream.</summary>
    private async Task RegisterMembersAsync(int count, DateTimeOffset opened, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var names = DemoCommunity.MemberNames(count, _random);
        var joined = names.Select((_, i) => i <= DemoCommunity.Moderators.Count ? opened : opened + (History - TimeSpan.FromDays(14)) * _random.NextDouble()).Order().ToList();
        string? hash = null;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var staff = i <= DemoCommunity.Moderators.Count;
            if (await users.FindByNameAsync(name) is { } existing)
            {
                // Seeding again with --force: the member is already there.
                _members.Add((existing.Id, name, joined[i], staff));
                continue;
            }

            var user = new ForumUser { Id = NewId(joined[i]), UserName = name, Email = $"{name}@example.com", EmailConfirmed = true };
            user.PasswordHash = hash ??= users.PasswordHasher.HashPassword(user, DemoCommunity.Password);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo member {name} cannot be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            var stream = MembersSetup.StreamId(user.Id);
            await store.DecideAsync(stream, Member.Decider, new RegisterMember(user.Id, name, joined[i], null), Metadata(user.Id), ct: ct);
            var role = i == 0 ? Roles.Admin : staff ? Roles.Moderator : null;
            if (role is not null)
            {
                await store.DecideAsync(stream, Member.Decider, new GrantRole(role, _members.Count == 0 ? user.Id : _members[0].Id, joined[i]), Metadata(user.Id), ct: ct);
            }

            if (_random.Next(3) == 0)
            {
                var bio = _random.Next(2) == 0 ? "Lumio rider since 2023. Commuter, weekend gravel." : "Vélotaf tous les jours, balades le week-end. Fan de la première heure.";
                await store.DecideAsync(stream, Member.Decider, new EditProfile(char.ToUpperInvariant(name[0]) + name[1..], bio, null, joined[i]), Metadata(user.Id), ct: ct);
            }

            _members.Add((user.Id, name, joined[i], staff));
        }
    }

    private async Task SeedTopicAsync(int index, DateTimeOffset startedAt, int replyCount, DemoText text, CancellationToken ct)
    {
        var category = index == 0 ? DemoCommunity.Categories[0] : DemoCommunity.Pick(_random, DemoCommunity.Categories);
        var language = category.Language ?? (_random.Next(2) == 0 ? Language.French : Language.English);
        var announcement = category == DemoCommunity.Categories[0];
        var author = announcement ? StaffMember() : MemberAt(startedAt);
        var topicId = NewId(startedAt);
        var topic = new SeededTopic(store, TopicsSetup.StreamId(topicId));
        var (title, body) = index == 0
            ? ("Bienvenue ! Welcome to the Lumio community — présentez-vous ici", WelcomeBody)
            : (text.Title(language, announcement), text.Opening(language, _random.Next(5) == 0 ? MemberAt(startedAt).Name : null));
        var firstPost = NewId(startedAt);
        await topic.RunAsync(new StartTopic(topicId, category.Slug, title, firstPost, body, Actor(author), startedAt), ct);
        _posts++;
        await ReactAsync(topic, firstPost, author.Id, startedAt, ct);

        var span = (_now - startedAt) * (0.2 + (0.8 * _random.NextDouble()));
        var times = Enumerable.Range(0, replyCount).Select(_ => startedAt + (span * _random.NextDouble())).Order().ToList();
        var posts = new List<(Guid Id, string Body, string Author)> { (firstPost, body, author.Name) };
        foreach (var at in times)
        {
            var replier = MemberAt(at);
            var quoted = posts.Count > 1 && _random.Next(7) == 0 ? posts[_random.Next(posts.Count)] : ((Guid Id, string Body, string Author)?)null;
            var mention = quoted?.Author ?? (_random.Next(10) == 0 ? posts[_random.Next(posts.Count)].Author : null);
            var replyLanguage = _random.Next(20) == 0 ? (Language)(1 - (int)language) : language;
            var reply = text.Reply(replyLanguage, mention == replier.Name ? null : mention, quoted is { } q ? DemoText.QuoteOf(q.Body) : null);
            var postId = NewId(at);
            await topic.RunAsync(new PostReply(postId, reply, quoted?.Id, Actor(replier), at), ct);
            _posts++;
            posts.Add((postId, reply, replier.Name));
            await ReactAsync(topic, postId, replier.Id, at, ct);
            switch (_random.Next(200))
            {
                case < 6:
                    var fix = replyLanguage == Language.French ? "\n\n*Édit : précision ajoutée après vérification.*" : "\n\n*Edit: added a detail after checking.*";
                    await topic.RunAsync(new EditPost(postId, reply + fix, "typo", Actor(replier), Later(at, 10)), ct);
                    break;
                case 6:
                    await topic.RunAsync(new DeletePost(postId, Actor(replier), Later(at, 5)), ct);
                    break;
            }
        }

        var last = times.Count > 0 ? times[^1] : startedAt;
        if (index == 0 || (announcement && _random.Next(3) == 0))
        {
            await topic.RunAsync(new PinTopic(true, Actor(StaffMember()), Later(startedAt, 1)), ct);
        }

        if (index != 0 && _random.Next(30) == 0)
        {
            await topic.RunAsync(new LockTopic(true, Actor(StaffMember()), Later(last, 60)), ct);
        }
    }

    private async Task ReactAsync(SeededTopic topic, Guid postId, Guid authorId, DateTimeOffset at, CancellationToken ct)
    {
        if (_random.Next(100) >= 35)
        {
            return;
        }

        var count = _random.Next(1, 7);
        for (var i = 0; i < count; i++)
        {
            var member = MemberAt(at);
            if (member.Id != authorId && await topic.RunAsync(
                    new React(postId, DemoCommunity.Pick(_random, ReactionWeights), true, reactionKinds.Allowed, Actor(member), Later(at, _random.Next(1, 600))), ct))
            {
                _reactions++;
            }
        }
    }

    /// <summary>
    /// Buckets of replies shaped like a real forum: a few hot topics, a long tail. Zipf weights (s = 0.8), split
    /// with the largest remainders so the total is exact, then shuffled, except that the welcome topic is the hottest.
    /// </summary>
    private List<int> ReplyCounts(int topics, int replies)
    {
        var weights = Enumerable.Range(1, topics).Select(k => Math.Pow(k, -0.8)).ToArray();
        var total = weights.Sum();
        var counts = weights.Select(w => (int)(replies * w / total)).ToArray();
        var order = weights.Select((w, i) => (Remainder: (replies * w / total) - counts[i], i)).OrderByDescending(x => x.Remainder).Select(x => x.i).ToArray();
        var missing = replies - counts.Sum();
        for (var i = 0; i < missing; i++)
        {
            counts[order[i % topics]]++;
        }

        var shuffled = counts.Skip(1).OrderBy(_ => _random.Next()).ToList();
        shuffled.Insert(0, counts[0]);
        return shuffled;
    }

    private (Guid Id, string Name, DateTimeOffset Joined, bool Staff) MemberAt(DateTimeOffset at)
    {
        var joined = _members.Count(m => m.Joined <= at);
        return _members[_random.Next(Math.Max(1, joined))];
    }

    private (Guid Id, string Name, DateTimeOffset Joined, bool Staff) StaffMember() => _members[_random.Next(DemoCommunity.Moderators.Count + 1)];

    private static Actor Actor((Guid Id, string Name, DateTimeOffset Joined, bool Staff) member) => new(member.Id, member.Staff);

    /// <summary>Some minutes after <paramref name="at"/>, but never in the future.</summary>
    private DateTimeOffset Later(DateTimeOffset at, int minutes)
    {
        var later = at + TimeSpan.FromMinutes(minutes);
        return later < _now ? later : _now;
    }

    private static EventMetadata Metadata(Guid actor) => new(Actor: actor.ToString());

    /// <summary>A version 7 id with the given time and bits from the seeded random, so reruns give the same ids.</summary>
    private Guid NewId(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private const string WelcomeBody = """
        **Bienvenue sur le forum de la communauté Lumio !** Présentez-vous ici : votre vélo, votre ville, vos trajets préférés.

        **Welcome to the Lumio community forum!** Introduce yourself here: your bike, your town, your favourite rides.

        - Questions techniques : **Entraide** (français) ou **Product help** (English)
        - Ideas for the team: **Ideas & feedback**
        - Read the [community guidelines](https://example.com/lumio/guidelines) before posting.

        À très vite sur les routes — see you on the road! @camille.cm et @alex_cm animent le forum.
        """;
}
