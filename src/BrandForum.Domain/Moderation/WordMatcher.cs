using System.Globalization;
using System.Text;

namespace BrandForum.Domain.Moderation;

/// <summary>
/// Finds listed words in a text the way a person reads them: case and accents do not matter (<c>cretin</c> finds
/// "Crétin"), whole words only, <c>*</c> stands for any letters inside a word, and simple evasions are undone —
/// repeated letters ("idiooot"), letters spaced or dotted apart ("i d i o t", "i.d.i.o.t", "cré-tin") and
/// letter-for-digit swaps ("1d10t", "@buse"). A listed phrase ("shut up") matches those words in a row. Words are indexed once per rulebook, so a post is read once however
/// many words the rules list: exact words by hash, prefixes and suffixes by hashing the text's own.
/// </summary>
public sealed partial class WordMatcher
{
    private readonly Dictionary<string, List<string>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _suffixes = new(StringComparer.Ordinal);
    private readonly List<(string[] Parts, string Word)> _others = [];
    private readonly Dictionary<string, List<(string[] Words, string Phrase)>> _phrases = new(StringComparer.Ordinal);

    public WordMatcher(IEnumerable<string> words)
    {
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            if (word.Trim().Contains(' ', StringComparison.Ordinal))
            {
                var parts = word.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Normalize(w)).ToArray();
                if (!_phrases.TryGetValue(parts[0], out var phrases))
                {
                    _phrases[parts[0]] = phrases = [];
                }

                phrases.Add((parts, word));
                continue;
            }

            var key = Normalize(word, keepStars: true);
            var stars = key.Count(c => c == '*');
            if (key.Trim('*').Length == 0)
            {
                continue;
            }

            if (stars == 0)
            {
                Add(_exact, key, word);
            }
            else if (stars == 1 && key[^1] == '*')
            {
                Add(_prefixes, key[..^1], word);
            }
            else if (stars == 1 && key[0] == '*')
            {
                Add(_suffixes, key[1..], word);
            }
            else
            {
                _others.Add((key.Split('*'), word));
            }
        }
    }

    /// <summary>The listed words (as written in the rule) that the text contains.</summary>
    public IReadOnlySet<string> Find(string text) => Find(text, Tokens(text));

    /// <summary>The same, with the text's <see cref="Tokens"/> already read (the engine reads a post once).</summary>
    public IReadOnlySet<string> Find(string text, IReadOnlyList<string> tokens)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        // A phrase is looked for word by word only when one of its first words is in the text at all.
        if (_phrases.Count > 0 && tokens.Any(_phrases.ContainsKey))
        {
            FindPhrases(text, found);
        }

        // Prefixes and suffixes are looked up as spans of the token: no substring is allocated.
        var prefixes = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        var suffixes = _suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var token in tokens)
        {
            AddAll(found, _exact, token);
            for (var length = 1; length <= token.Length; length++)
            {
                if (_prefixes.Count > 0 && prefixes.TryGetValue(token.AsSpan(0, length), out var starting))
                {
                    found.UnionWith(starting);
                }

                if (_suffixes.Count > 0 && suffixes.TryGetValue(token.AsSpan(token.Length - length), out var ending))
                {
                    found.UnionWith(ending);
                }
            }

            foreach (var (parts, word) in _others)
            {
                if (Glob(token, parts))
                {
                    found.Add(word);
                }
            }
        }

        return found;
    }

    private void FindPhrases(string text, HashSet<string> found)
    {
        var words = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(w => Normalize(w)).Where(w => w.Length > 0).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            if (_phrases.TryGetValue(words[i], out var phrases))
            {
                foreach (var (parts, phrase) in phrases)
                {
                    if (i + parts.Length <= words.Length && parts.AsSpan().SequenceEqual(words.AsSpan(i, parts.Length)))
                    {
                        found.Add(phrase);
                    }
                }
            }
        }
    }

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', '\u00a0', ',', '.', ';', ':', '!', '?', '"', '(', ')', '«', '»'];

    /// <summary>
    /// Censoring: each word of the text that reads as one of <paramref name="words"/> is masked with ■, keeping its
    /// length. Word by word, so an evasion spread over several words ("i d i o t") is found by the rules but not masked.
    /// </summary>
    public static string Mask(string text, IEnumerable<string> words)
    {
        var matcher = new WordMatcher(words);
        return WordRun().Replace(text, m => matcher.Find(m.Value).Count > 0 ? new string('■', m.Value.Length) : m.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}@$]+(?:[-.'’][\p{L}\p{N}@$]+)*")]
    private static partial System.Text.RegularExpressions.Regex WordRun();

    /// <summary>
    /// The words of a text as matching sees them: each word, each run of characters without spaces with its
    /// punctuation dropped ("i.d.i.o.t", "cré-tin"), and each run of three or more single letters joined
    /// ("i d i o t"); all lower case, without accents, digits read as the letters they imitate, repeats collapsed.
    /// </summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var singles = new StringBuilder();
        foreach (var chunk in text.Split((char[])[' ', '\t', '\r', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries))
        {
            var words = new List<string>();
            var current = new StringBuilder();
            foreach (var ch in chunk)
            {
                if (IsWordChar(ch))
                {
                    current.Append(ch);
                }
                else if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }

            foreach (var word in words)
            {
                AddToken(tokens, word);
            }

            if (words.Count > 1)
            {
                AddToken(tokens, string.Concat(words));
            }

            // Letters spaced apart: "i d i o t".
            if (words is [{ Length: 1 } single])
            {
                singles.Append(single);
                continue;
            }

            FlushSingles(tokens, singles);
        }

        FlushSingles(tokens, singles);
        return tokens;
    }

    /// <summary>Lower case, no accents, digits and symbols read as letters, repeated letters collapsed.</summary>
    public static string Normalize(string word, bool keepStars = false)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        var hasLetter = decomposed.Any(char.IsLetter);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var mapped = ch switch
            {
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                '*' when keepStars => "*",
                _ when hasLetter && Leet(ch) is { } letter => letter.ToString(),
                _ when char.IsLetterOrDigit(ch) => ch.ToString(),
                _ => "",
            };
            foreach (var m in mapped)
            {
                if (result.Length == 0 || result[^1] != m || m == '*')
                {
                    result.Append(m);
                }
            }
        }

        return result.ToString();
    }

    private static char? Leet(char ch) => ch switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        _ => null,
    };

    private static bool IsWordChar(char ch) => char.IsLetterOrDigit(ch) || ch is '@' or '$' or '!' or '|' || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark;

    private static void AddToken(List<string> tokens, string word)
    {
        // Symbols read as letters inside a word ("1d!0t"), not around it ("idiot!", "|idiot|").
        var token = Normalize(word.Trim('!', '|').TrimEnd('@', '$'));
        if (token.Length > 0)
        {
            tokens.Add(token);
        }
    }

    private static void FlushSingles(List<string> tokens, StringBuilder singles)
    {
        if (singles.Length >= 3)
        {
            AddToken(tokens, singles.ToString());
        }

        singles.Clear();
    }

    private static bool Glob(string token, string[] parts)
    {
        if (!token.StartsWith(parts[0], StringComparison.Ordinal) || !token.EndsWith(parts[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var next = token.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (next < 0)
            {
                return false;
            }

            at = next + parts[i].Length;
        }

        return token.Length - parts[^1].Length >= at;
    }

    private static void Add(Dictionary<string, List<string>> index, string key, string word)
    {
        if (!index.TryGetValue(key, out var words))
        {
            index[key] = words = [];
        }

        words.Add(word);
    }

    private static void AddAll(HashSet<string> found, Dictionary<string, List<string>> index, string key)
    {
        if (index.TryGetValue(key, out var words))
        {
            found.UnionWith(words);
        }
    }
}
