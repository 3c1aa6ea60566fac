using System.Text.Json;
using System.Text.Json.Serialization;

namespace BrandForum.Server.Live;

/// <summary>
/// A payload serialized once and written as-is into every connection's message: an item read by 5,000
/// connections costs one serialization, not 5,000.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson(byte[] utf8)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    public static RawJson From(object value) => new(JsonSerializer.SerializeToUtf8Bytes(value, Web));

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);

    private sealed class RawJsonConverter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonDocument.ParseValue(ref reader).RootElement.GetRawText() is var text ? System.Text.Encoding.UTF8.GetBytes(text) : []);

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
