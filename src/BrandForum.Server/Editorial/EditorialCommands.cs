using BrandForum.Domain.Editorial;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Editorial;

/// <summary>
/// An item as the API writes it. On create: category, title, body and publishAt are required. On PATCH every field
/// is optional: content first, then the time, then the move to <see cref="State"/>, so one request can edit and submit.
/// </summary>
public sealed record EditorialItemRequest(
    string? Category = null, string? Title = null, string? Body = null, DateTimeOffset? PublishAt = null, RecurrenceRequest? Recurrence = null,
    bool? ClearRecurrence = null, string? Author = null, string? State = null);

/// <summary>Staff plan, edit, move and approve calendar items; resolves what is impure (ids, time, categories, the brand account).</summary>
public sealed class EditorialCommands(IEventStore store, EditorialReads reads, CategoryReads categories, MemberCards cards, EditorialOptions options, TimeProvider time)
{
    public async Task<(EditorialItemView? Item, Refusal? Refused)> CreateAsync(Guid by, EditorialItemRequest request, CancellationToken ct)
    {
        if (request.Category is not { Length: > 0 } || request.Title is null || request.Body is null || request.PublishAt is null)
        {
            var field = request.Category is not { Length: > 0 } ? "category" : request.Title is null ? "title" : request.Body is null ? "body" : "publishAt";
            return (null, new Refusal("invalid-item", $"An item needs {field}.", field));
        }

        var (recurrence, asBrand, refused) = await CheckAsync(request, ct);
        if (refused is not null)
        {
            return (null, refused);
        }

        var now = time.GetUtcNow();
        var itemId = Guid.CreateVersion7(now);
        var command = new CreateItem(itemId, request.Category, request.Title, request.Body, ToSecond(request.PublishAt.Value), recurrence, asBrand ?? false, by, now);
        if (await DecideAsync(itemId, command, by, ct) is { } error)
        {
            return (null, error);
        }

        if (request.State is { } state && state != EditorialItem.Name(ItemStage.Idea))
        {
            return await UpdateAsync(itemId, by, new EditorialItemRequest(State: state), ct);
        }

        return (await reads.FindAsync(itemId, ct), null);
    }

    public async Task<(EditorialItemView? Item, Refusal? Refused)> UpdateAsync(Guid itemId, Guid by, EditorialItemRequest request, CancellationToken ct)
    {
        if (await reads.FindAsync(itemId, ct) is null)
        {
            return (null, new Refusal("item-not-found", "There is no such item.", null));
        }

        ItemStage? to = null;
        if (request.State is { } state)
        {
            if (!Enum.TryParse<ItemStage>(state, ignoreCase: true, out var stage) || !Enum.IsDefined(stage) || stage == ItemStage.Published || int.TryParse(state, out _))
            {
                return (null, new Refusal("invalid-state", "A state is idea, draft, review, scheduled or cancelled (publishing is the publisher's).", "state"));
            }

            to = stage;
        }

        var (recurrence, asBrand, refused) = await CheckAsync(request, ct);
        if (refused is not null)
        {
            return (null, refused);
        }

        var now = time.GetUtcNow();
        var edits = request.Category is not null || request.Title is not null || request.Body is not null || recurrence is not null || request.ClearRecurrence == true || asBrand is not null;
        var commands = new List<EditorialCommand>();
        if (edits)
        {
            commands.Add(new EditItem(request.Category, request.Title, request.Body, recurrence, request.ClearRecurrence == true, asBrand, by, now));
        }

        if (request.PublishAt is { } publishAt)
        {
            commands.Add(new RescheduleItem(ToSecond(publishAt), by, now));
        }

        if (to is { } target)
        {
            commands.Add(new MoveItem(target, by, now));
        }

        foreach (var command in commands)
        {
            if (await DecideAsync(itemId, command, by, ct) is { } error)
            {
                return (null, error);
            }
        }

        return (await reads.FindAsync(itemId, ct), null);
    }

    /// <summary>Checks what only the server can: the category exists, the recurrence is valid, the brand account exists.</summary>
    private async Task<(Recurrence? Recurrence, bool? AsBrand, Refusal? Refused)> CheckAsync(EditorialItemRequest request, CancellationToken ct)
    {
        if (request.Category is { } category && await categories.FindAsync(category, ct) is not { Archived: false })
        {
            return (null, null, new Refusal("invalid-category", "There is no such open category.", "category"));
        }

        var (recurrence, error) = Recurrences.Parse(request.Recurrence);
        if (error is not null)
        {
            return (null, null, new Refusal("invalid-recurrence", error, "recurrence"));
        }

        bool? asBrand = request.Author switch
        {
            null => null,
            "owner" => false,
            "brand" => true,
            _ => null,
        };
        if (request.Author is not (null or "owner" or "brand"))
        {
            return (null, null, new Refusal("invalid-author", "The author is owner or brand.", "author"));
        }

        if (asBrand == true && (options.BrandAccount is not { } brand || await cards.FindByUserNameAsync(brand, ct) is null))
        {
            return (null, null, new Refusal("invalid-author", "No brand account is configured (Forum:Editorial:BrandAccount).", "author"));
        }

        return (recurrence, asBrand, null);
    }

    /// <summary>
    /// Publishing times are whole seconds (UTC): PostgreSQL keeps microseconds and .NET ticks, and the publisher
    /// compares the time it read from the calendar with the one in the log.
    /// </summary>
    public static DateTimeOffset ToSecond(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private async Task<Refusal?> DecideAsync(Guid itemId, EditorialCommand command, Guid by, CancellationToken ct)
    {
        var decided = await store.DecideAsync(EditorialSetup.StreamId(itemId), EditorialItem.Decider, command, new EventMetadata(Actor: by.ToString()), ct: ct);
        return decided.Decision.Error is { } error
            ? new Refusal(error.Code, error.Message, error.Code switch { "invalid-title" => "title", "invalid-body" => "body", _ => null })
            : null;
    }
}
