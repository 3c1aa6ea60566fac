using BrandForum.Domain.Editorial;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Editorial;

/// <summary>The editorial calendar (API.md, Community managers' toolkit).</summary>
public static class EditorialSetup
{
    /// <summary>The stored names of editorial events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> EventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(ItemCreated)] = "editorial.item-created",
        [typeof(ItemEdited)] = "editorial.item-edited",
        [typeof(ItemMoved)] = "editorial.item-moved",
        [typeof(ItemRescheduled)] = "editorial.item-rescheduled",
        [typeof(ItemPublished)] = "editorial.item-published",
    };

    public static string StreamId(Guid itemId) => $"editorial-{itemId}";

    public static IServiceCollection AddEditorial(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(EditorialOptions.From(configuration))
        .AddSingleton(CalendarZones.From(configuration))
        .AddSingleton(new EventTypes(types =>
        {
            foreach (var (type, name) in EventNames)
            {
                types.Register(type, name);
            }
        }))
        .AddSingleton(EditorialProjection.Tables)
        .AddSingleton(new InlineProjection(new EditorialProjection()))
        .AddSingleton<EditorialReads>()
        .AddSingleton<EditorialPublisher>()
        .AddHostedService(provider => provider.GetRequiredService<EditorialPublisher>())
        .AddScoped<EditorialCommands>();
}
