using System.Text.Json;
using System.Text.Json.Serialization;

namespace BrandForum.EventStore;

internal static class MetadataJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(EventMetadata metadata) => JsonSerializer.Serialize(metadata, Options);

    public static EventMetadata Read(string json) =>
        json is "{}" or "" ? EventMetadata.None : JsonSerializer.Deserialize<EventMetadata>(json, Options) ?? EventMetadata.None;
}
