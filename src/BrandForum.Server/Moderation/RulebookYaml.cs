using System.Globalization;
using System.Text.RegularExpressions;
using BrandForum.Domain.Moderation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BrandForum.Server.Moderation;

/// <summary>A mistake in a rulebook, where the CM wrote it (1-based line and column).</summary>
public sealed record RulebookError(int Line, int Column, string Message);

/// <summary>
/// Reads a rulebook written in YAML (API.md, Rulebook format) into the domain's model, or says what is wrong and
/// where: unknown keys, wrong types, missing ids or actions, duplicate ids and invalid regular expressions are
/// all reported together, each with its line and column.
/// </summary>
public static partial class RulebookYaml
{
    public const int MaxLength = 256 * 1024;

    private static readonly string[] RuleKeys = ["id", "description", "scope", "when", "action", "message", "hours", "tags", "includeStaff"];

    public static (Rulebook? Rulebook, IReadOnlyList<RulebookError> Errors) Parse(string yaml, int version = 0)
    {
        var errors = new List<RulebookError>();
        if (yaml.Length > MaxLength)
        {
            return (null, [new RulebookError(1, 1, $"A rulebook is at most {MaxLength / 1024} kB.")]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return (null, [new RulebookError((int)e.Start.Line, (int)e.Start.Column, e.InnerException?.Message ?? e.Message)]);
        }

        var reader = new Reader(errors);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, [new RulebookError(1, 1, "A rulebook is a mapping with a 'rules' list.")]);
        }

        var rules = new List<Rule>();
        foreach (var (key, value) in reader.Entries(root, ["rules"]))
        {
            if (key == "rules" && reader.Sequence(value) is { } list)
            {
                rules.AddRange(list.Select(reader.Rule).OfType<Rule>());
            }
        }

        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new RulebookError(1, 1, $"Rule id '{duplicate.Key}' is used {duplicate.Count()} times; ids are unique."));
        }

        return errors.Count > 0 ? (null, errors) : (new Rulebook(version, rules), []);
    }

    /// <summary>The rules a new forum starts with (Moderation/default-rulebook.yaml, documented in the README).</summary>
    public static string DefaultYaml()
    {
        using var stream = typeof(RulebookYaml).Assembly.GetManifestResourceStream("BrandForum.Server.Moderation.default-rulebook.yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    private static partial Regex RuleId();

    private sealed class Reader(List<RulebookError> errors)
    {
        public Rule? Rule(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "Each rule is a mapping (id, when, action, …).");
                return null;
            }

            string? id = null, description = null, message = null;
            RuleAction? action = null;
            int? hours = null;
            var includeStaff = false;
            var scope = RuleScope.Everywhere;
            var when = new RuleConditions();
            IReadOnlyList<string> tags = [];
            foreach (var (key, value) in Entries(map, RuleKeys))
            {
                switch (key)
                {
                    case "id":
                        id = Text(value);
                        if (id is not null && !RuleId().IsMatch(id))
                        {
                            Error(value, "A rule id is 1–60 lowercase letters, digits and dashes.");
                        }

                        break;
                    case "description": description = Text(value); break;
                    case "message": message = Text(value); break;
                    case "action": action = Enum<RuleAction>(value); break;
                    case "hours": hours = Int(value, min: 1, max: 24 * 365); break;
                    case "tags": tags = Strings(value); break;
                    case "includeStaff": includeStaff = Bool(value); break;
                    case "scope": scope = Scope(value); break;
                    case "when": when = Conditions(value); break;
                }
            }

            if (id is null)
            {
                Error(node, "A rule needs an 'id'.");
            }

            if (action is null)
            {
                Error(node, "A rule needs an 'action': reject, hold, flag, censor, tag, notify or silence.");
            }

            if (action == RuleAction.Silence && hours is null)
            {
                Error(node, "A 'silence' rule says for how many 'hours'.");
            }

            return id is null || action is null ? null : new Rule(id, description, scope, when, action.Value, message, hours, tags, includeStaff);
        }

        private RuleScope Scope(YamlNode node)
        {
            IReadOnlyList<string> categories = [];
            var kinds = new List<ContentKind>();
            foreach (var (key, value) in Entries(node, ["categories", "kinds"]))
            {
                if (key == "categories")
                {
                    categories = Strings(value);
                }
                else if (Sequence(value) is { } list)
                {
                    kinds.AddRange(list.Select(Enum<ContentKind>).OfType<ContentKind>());
                }
            }

            return new RuleScope(categories, kinds);
        }

        private RuleConditions Conditions(YamlNode node)
        {
            var when = new RuleConditions();
            foreach (var (key, value) in Entries(node, ["text", "links", "mentions", "caps", "length", "author", "rate", "duplicate"]))
            {
                when = key switch
                {
                    "text" => when with { Text = TextCondition(value) },
                    "links" => when with { Links = Read(value, ["atLeast", "domains"], v => new LinksCondition(OptionalInt(v, "atLeast"), OptionalStrings(v, "domains"))) },
                    "mentions" => when with { Mentions = Read(value, ["atLeast"], v => new MentionsCondition(OptionalInt(v, "atLeast") ?? 1)) },
                    "caps" => when with { Caps = Read(value, ["ratioAtLeast", "minLetters"], v => new CapsCondition(OptionalDouble(v, "ratioAtLeast") ?? 0.7, OptionalInt(v, "minLetters") ?? 20)) },
                    "length" => when with { Length = Read(value, ["above", "below"], v => new LengthCondition(OptionalInt(v, "above"), OptionalInt(v, "below"))) },
                    "author" => when with
                    {
                        Author = Read(value, ["trustLevelBelow", "accountAgeBelowHours", "postCountBelow", "roles", "notRoles"], v => new AuthorCondition(
                            OptionalInt(v, "trustLevelBelow"), OptionalDouble(v, "accountAgeBelowHours"), OptionalInt(v, "postCountBelow"), OptionalStrings(v, "roles"), OptionalStrings(v, "notRoles"))),
                    },
                    "rate" => when with { Rate = Read(value, ["postsAtLeast", "withinMinutes"], v => new RateCondition(OptionalInt(v, "postsAtLeast") ?? 2, OptionalDouble(v, "withinMinutes") ?? 1)) },
                    _ => when with { Duplicate = Read(value, ["withinMinutes"], v => new DuplicateCondition(OptionalDouble(v, "withinMinutes") ?? 60)) },
                };
            }

            return when;
        }

        private TextCondition? TextCondition(YamlNode node) => Read(node, ["any", "all", "regex"], map =>
        {
            var regex = map.Children.TryGetValue(new YamlScalarNode("regex"), out var r) ? Text(r) : null;
            if (regex is not null)
            {
                try
                {
                    _ = new Regex(regex, RegexOptions.None, TimeSpan.FromMilliseconds(50));
                }
                catch (ArgumentException e)
                {
                    Error(r!, $"This regular expression is invalid: {e.Message}");
                }
            }

            return new TextCondition(OptionalStrings(map, "any"), OptionalStrings(map, "all"), regex);
        });

        /// <summary>A mapping's entries whose keys are known; each unknown key is an error where it stands.</summary>
        public IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node, IReadOnlyList<string> known)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, $"Expected a mapping with {string.Join(", ", known)}.");
                yield break;
            }

            foreach (var (key, value) in map.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (known.Contains(name))
                {
                    yield return (name, value);
                }
                else
                {
                    Error(key, $"Unknown key '{name}'; expected one of {string.Join(", ", known)}.");
                }
            }
        }

        public YamlSequenceNode? Sequence(YamlNode node)
        {
            if (node is YamlSequenceNode list)
            {
                return list;
            }

            Error(node, "Expected a list.");
            return null;
        }

        private T? Read<T>(YamlNode node, IReadOnlyList<string> known, Func<YamlMappingNode, T> read)
            where T : class
        {
            _ = Entries(node, known).Count(); // reports unknown keys, or a value that is not a mapping, where they stand
            return node is YamlMappingNode map ? read(map) : null;
        }

        private int? OptionalInt(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Int(value, 0, int.MaxValue) : null;

        private double? OptionalDouble(YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                return null;
            }

            if (value is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
            {
                return number;
            }

            Error(value, "Expected a number (0 or more).");
            return null;
        }

        private IReadOnlyList<string> OptionalStrings(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? Strings(value) : [];

        private IReadOnlyList<string> Strings(YamlNode node) =>
            Sequence(node) is { } list ? [.. list.Select(Text).OfType<string>()] : [];

        private string? Text(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } text })
            {
                return text;
            }

            Error(node, "Expected some text.");
            return null;
        }

        private int? Int(YamlNode node, int min, int max)
        {
            if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            {
                return number;
            }

            Error(node, $"Expected a whole number from {min} to {max}.");
            return null;
        }

        private bool Bool(YamlNode node)
        {
            if (node is YamlScalarNode { Value: "true" or "false" } scalar)
            {
                return scalar.Value == "true";
            }

            Error(node, "Expected true or false.");
            return false;
        }

        private T? Enum<T>(YamlNode node)
            where T : struct, System.Enum
        {
            if (node is YamlScalarNode { Value: { } text } && System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && text.All(char.IsAsciiLetterLower))
            {
                return value;
            }

            Error(node, $"Expected one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            return null;
        }

        private void Error(YamlNode node, string message) => errors.Add(new RulebookError((int)node.Start.Line, (int)node.Start.Column, message));
    }
}
