using BrandForum.Domain.Animation;
using BrandForum.Domain.Topics;
using BrandForum.Server.Content;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Animation;

/// <summary>Polls, solutions, contests (events of the topic stream) and announcements (their own stream).</summary>
public static class AnimationSetup
{
    /// <summary>The stored names of the topic events that animate a topic: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> TopicEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(PollOpened)] = "topic.poll-opened",
        [typeof(PollVoted)] = "topic.poll-voted",
        [typeof(SolutionMarked)] = "topic.solution-marked",
        [typeof(SolutionCleared)] = "topic.solution-cleared",
        [typeof(ContestSet)] = "topic.contest-set",
        [typeof(ContestWinnersPicked)] = "topic.contest-winners-picked",
    };

    public static IReadOnlyDictionary<Type, string> AnnouncementEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(AnnouncementPublished)] = "announcement.published",
        [typeof(AnnouncementWithdrawn)] = "announcement.withdrawn",
    };

    public static IServiceCollection AddAnimation(this IServiceCollection services) => services
        .AddSingleton(new EventTypes(types =>
        {
            foreach (var (type, name) in TopicEventNames.Concat(AnnouncementEventNames))
            {
                types.Register(type, name);
            }
        }))
        .AddSingleton(AnimationSchema.Tables)
        .AddSingleton(new InlineProjection(new AnimationProjection()))
        .AddSingleton(provider => new InlineProjection(new AnnouncementProjection(provider.GetRequiredService<MarkdownRenderer>())))
        .AddSingleton<AnimationReads>()
        .AddHostedService<ContestWinnerBadges>()
        .AddSingleton<Announcements>()
        .AddSingleton<ILogFollower>(provider => provider.GetRequiredService<Announcements>())
        .AddScoped<AnimationCommands>();
}
