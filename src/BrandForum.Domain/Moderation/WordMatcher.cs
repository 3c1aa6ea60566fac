using System.Buffers;
using System.Globalization;
using System.Text;

namespace BrandForum.Domain.Moderation;

/// <summary>
/// Finds listed words in a text the way a person reads them: case and accents do not matter (<c>cretin</c> finds
/// "Crétin"), whole words only, <c>*</c> stands for any letters inside a word, and simple evasions are undone —
/// repeated letters ("idiooot"), letters spaced or dotted apart ("i d i o t", "i.d.i.o.t", "cré-tin") and
/// letter-for-digit swaps ("1d10t", "@buse"). A listed phrase ("shut up") matches those words in a row. Words are indexed once per rulebook, so a post is read once however
/// many words the rules list: exact words by hash, prefixes and suffixes (and other wildcards, by the letters before
/// their first star) in letter trees each token walks once.
/// </summary>
public sealed partial class WordMatcher
{
    private readonly Dictionary<string, List<string>> _exact = new(StringComparer.Ordinal);
    private readonly Affixes _prefixes = new();
    private readonly Affixes _suffixes = new();
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
                _prefixes.At(key[..^1]).Words.Add(word);
            }
            else if (stars == 1 && key[0] == '*')
            {
                _suffixes.At(key[1..], backwards: true).Words.Add(word);
            }
            else
            {
                // Other globs ("n*ul") are filed under the letters before their first star: only a token that starts
                // with them is tried against the whole pattern.
                var parts = key.Split('*');
                _prefixes.At(parts[0]).Globs.Add((parts, word));
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
        if (_phrases.Count > 0 && AnyKnown(tokens, _phrases))
        {
            FindPhrases(text, found);
        }

        foreach (var token in tokens)
        {
            AddAll(found, _exact, token);
            _prefixes.Walk(token, found, backwards: false);
            _suffixes.Walk(token, found, backwards: true);
        }

        return found;
    }

    private static bool AnyKnown<T>(IReadOnlyList<string> tokens, Dictionary<string, T> index)
    {
        foreach (var token in tokens)
        {
            if (index.ContainsKey(token))
            {
                return true;
            }
        }

        return false;
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
        // Scratch space for a run's words joined and for the single letters spaced apart: neither outgrows the text.
        var joined = ArrayPool<char>.Shared.Rent(text.Length);
        var singles = ArrayPool<char>.Shared.Rent(text.Length);
        var singlesLength = 0;
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOfAny(Spaces);
            var chunk = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (chunk.IsEmpty)
            {
                continue;
            }

            // Each word of the run, then the run's words joined ("i.d.i.o.t", "cré-tin").
            var words = 0;
            var joinedLength = 0;
            for (var i = 0; i < chunk.Length;)
            {
                if (!IsWordChar(chunk[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < chunk.Length && IsWordChar(chunk[i]))
                {
                    i++;
                }

                var word = chunk[start..i];
                AddToken(tokens, word);
                word.CopyTo(joined.AsSpan(joinedLength));
                joinedLength += word.Length;
                words++;
            }

            if (words > 1)
            {
                AddToken(tokens, joined.AsSpan(0, joinedLength));
            }

            // Letters spaced apart: "i d i o t".
            if (words == 1 && joinedLength == 1)
            {
                singles[singlesLength++] = joined[0];
                continue;
            }

            FlushSingles(tokens, singles, ref singlesLength);
        }

        FlushSingles(tokens, singles, ref singlesLength);
        ArrayPool<char>.Shared.Return(joined);
        ArrayPool<char>.Shared.Return(singles);
        return tokens;
    }

    private static readonly SearchValues<char> Spaces = SearchValues.Create(' ', '\t', '\r', '\n', '\u00a0');

    /// <summary>Lower case, no accents, digits and symbols read as letters, repeated letters collapsed.</summary>
    public static string Normalize(string word, bool keepStars = false) => Normalize(word.AsSpan(), keepStars);

    private static string Normalize(ReadOnlySpan<char> word, bool keepStars = false)
    {
        // In buffers on the stack rather than new strings: this runs for every word of every post.
        Span<char> lower = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        if (Ascii.IsValid(lower))
        {
            return Fold(lower, keepStars);
        }

        // Accents are split off their letters (FormD) so that Fold drops them; plain ASCII has none.
        var length = lower.GetNormalizedLength(NormalizationForm.FormD);
        Span<char> decomposed = length <= 128 ? stackalloc char[length] : new char[length];
        lower.TryNormalize(decomposed, out var written, NormalizationForm.FormD);
        return Fold(decomposed[..written], keepStars);
    }

    /// <summary>Folds a lower-cased, decomposed word: marks dropped, ligatures spelt out, look-alikes read as letters, repeats collapsed.</summary>
    private static string Fold(ReadOnlySpan<char> decomposed, bool keepStars)
    {
        // A ligature becomes two letters, so the result is at most twice as long.
        Span<char> result = decomposed.Length <= 128 ? stackalloc char[decomposed.Length * 2] : new char[decomposed.Length * 2];
        var length = 0;
        var hasLetter = false;
        foreach (var ch in decomposed)
        {
            hasLetter |= char.IsLetter(ch);
        }

        foreach (var ch in decomposed)
        {
            if (!char.IsAscii(ch) && CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var (first, second) = ch switch
            {
                'œ' => ('o', 'e'),
                'æ' => ('a', 'e'),
                'ß' => ('s', 's'),
                '*' when keepStars => ('*', None),
                _ when hasLetter && Leet(ch) is { } letter => (letter, None),
                _ when char.IsLetterOrDigit(ch) => (ch, None),
                _ => (None, None),
            };
            Append(result, ref length, first);
            Append(result, ref length, second);
        }

        return new string(result[..length]);
    }

    /// <summary>Stands for no character in <see cref="Fold"/> (a real NUL is neither a letter nor a digit, so is dropped anyway).</summary>
    private const char None = '\0';

    /// <summary>Appends a character unless it repeats the last one (stars always: each stands for letters).</summary>
    private static void Append(Span<char> result, ref int length, char ch)
    {
        if (ch != None && (length == 0 || result[length - 1] != ch || ch == '*'))
        {
            result[length++] = ch;
        }
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

    private static bool IsWordChar(char ch) =>
        char.IsAscii(ch)
            ? char.IsAsciiLetterOrDigit(ch) || ch is '@' or '$' or '!' or '|'
            : char.IsLetterOrDigit(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark;

    private static void AddToken(List<string> tokens, ReadOnlySpan<char> word)
    {
        // Symbols read as letters inside a word ("1d!0t"), not around it ("idiot!", "|idiot|").
        var token = Normalize(word.Trim("!|").TrimEnd("@$"));
        if (token.Length > 0)
        {
            tokens.Add(token);
        }
    }

    private static void FlushSingles(List<string> tokens, char[] singles, ref int length)
    {
        if (length >= 3)
        {
            AddToken(tokens, singles.AsSpan(0, length));
        }

        length = 0;
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

    /// <summary>
    /// Listed word starts ("abrut*") as a tree of letters, or word endings ("*connard") read backwards: a token is
    /// walked once, letter by letter, and the walk stops at the first letter no listed word continues with,
    /// instead of looking up each of the token's prefixes and suffixes.
    /// </summary>
    private sealed class Affixes
    {
        private readonly Dictionary<char, Affixes> _next = [];

        /// <summary>The listed words whose start (or end) is the path from the root to here.</summary>
        public List<string> Words { get; } = [];

        /// <summary>Patterns with more stars ("n*ul") whose letters before the first star are that path.</summary>
        public List<(string[] Parts, string Word)> Globs { get; } = [];

        public Affixes At(string path, bool backwards = false)
        {
            var node = this;
            for (var i = 0; i < path.Length; i++)
            {
                var ch = path[backwards ? path.Length - 1 - i : i];
                if (!node._next.TryGetValue(ch, out var next))
                {
                    node._next[ch] = next = new Affixes();
                }

                node = next;
            }

            return node;
        }

        public void Walk(string token, HashSet<string> found, bool backwards)
        {
            var node = this;
            for (var i = 0; ; i++)
            {
                foreach (var word in node.Words)
                {
                    found.Add(word);
                }

                foreach (var (parts, word) in node.Globs)
                {
                    if (Glob(token, parts))
                    {
                        found.Add(word);
                    }
                }

                if (i == token.Length || !node._next.TryGetValue(token[backwards ? token.Length - 1 - i : i], out node))
                {
                    return;
                }
            }
        }
    }
}
