using System.Text.Json;

namespace BrandForum.Server.Themes;

/// <summary>A theme as described by themes/&lt;name&gt;/theme.json.</summary>
public sealed record Theme(string Name, string DisplayName, IReadOnlyDictionary<string, string> Colors, string Logo)
{
    public string StylesheetUrl => $"/themes/{Name}/theme.css";

    public string LogoUrl => $"/themes/{Name}/{Logo}";

    public static Theme Load(string folder)
    {
        var file = Path.Combine(folder, "theme.json");
        var theme = JsonSerializer.Deserialize<Theme>(File.ReadAllText(file), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{file} is empty.");
        return theme.Name == Path.GetFileName(folder)
            ? theme
            : throw new InvalidDataException($"{file} names the theme '{theme.Name}' but its folder is '{Path.GetFileName(folder)}'.");
    }
}
