using System.Text.Json;
using System.Text.Json.Nodes;

namespace BrandForum.EventStore;

/// <summary>
/// Maps event CLR types to the stable names stored in the log, and old stored shapes to current ones.
/// A stored name is a contract: it is registered explicitly and never derived from the CLR type name,
/// so classes can be renamed or moved freely. When a shape changes, bump the schema version and add an
/// upcaster from the old version; the log itself is never rewritten.
/// </summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Registration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Registration> _byType = [];
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

    private sealed record Registration(string Name, Type ClrType, int SchemaVersion);

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/>; its current shape is <paramref name="schemaVersion"/>.</summary>
    public EventTypeRegistry Register<T>(string name, int schemaVersion = 1) => Register(typeof(T), name, schemaVersion);

    public EventTypeRegistry Register(Type type, string name, int schemaVersion = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        if (_byName.TryGetValue(name, out var existing) && existing.ClrType != type)
        {
            throw new InvalidOperationException($"Event type name '{name}' is already registered for {existing.ClrType}.");
        }

        if (_byType.TryGetValue(type, out var other) && other.Name != name)
        {
            throw new InvalidOperationException($"{type} is already registered as '{other.Name}'.");
        }

        var registration = new Registration(name, type, schemaVersion);
        _byName[name] = registration;
        _byType[type] = registration;
        return this;
    }

    /// <summary>Turns a stored payload of <paramref name="name"/> at <paramref name="fromVersion"/> into the next version's shape.</summary>
    public EventTypeRegistry Upcast(string name, int fromVersion, Func<JsonObject, JsonObject> upcaster)
    {
        _upcasters[(name, fromVersion)] = upcaster;
        return this;
    }

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var r) ? r.Name : throw new InvalidOperationException($"{type} is not a registered event type.");

    /// <summary>The name, schema version and JSON payload to store for <paramref name="data"/>.</summary>
    public (string Name, int SchemaVersion, string Json) Serialize(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!_byType.TryGetValue(data.GetType(), out var r))
        {
            throw new InvalidOperationException($"{data.GetType()} is not a registered event type.");
        }

        return (r.Name, r.SchemaVersion, JsonSerializer.Serialize(data, r.ClrType, JsonOptions));
    }

    /// <summary>Reads a stored payload, upcasting old shapes first. Errors name the position.</summary>
    public object Deserialize(long position, string name, int schemaVersion, string json)
    {
        if (!_byName.TryGetValue(name, out var r))
        {
            throw new EventDecodingException(position, name, "no event type is registered under this name.");
        }

        try
        {
            if (schemaVersion < r.SchemaVersion)
            {
                json = UpcastJson(position, name, schemaVersion, r.SchemaVersion, json);
            }

            return JsonSerializer.Deserialize(json, r.ClrType, JsonOptions)
                ?? throw new EventDecodingException(position, name, "the payload is null.");
        }
        catch (JsonException e)
        {
            throw new EventDecodingException(position, name, $"its JSON is malformed ({e.Message})", e);
        }
        catch (NotSupportedException e)
        {
            throw new EventDecodingException(position, name, e.Message, e);
        }
    }

    private string UpcastJson(long position, string name, int from, int to, string json)
    {
        var node = JsonNode.Parse(json) as JsonObject
            ?? throw new EventDecodingException(position, name, "the payload is not a JSON object.");
        for (var version = from; version < to; version++)
        {
            if (!_upcasters.TryGetValue((name, version), out var upcaster))
            {
                throw new EventDecodingException(position, name, $"no upcaster from schema version {version}.");
            }

            node = upcaster(node);
        }

        return node.ToJsonString(JsonOptions);
    }
}
