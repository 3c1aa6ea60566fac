namespace BrandForum.Server.Localization;

/// <summary>
/// The pages' texts, for <c>IStringLocalizer&lt;Texts&gt;</c> (injected as <c>T</c> in every page). The key is the
/// English text itself, so English needs no resource file and a page reads as it renders; French lives in
/// <c>Texts.fr.resx</c> next to this file. Standard .resx (in-box, no package) rather than a home-made catalogue:
/// translation tools read it, and the framework's localizer, culture fallback (fr-CA → fr) and caching come free.
/// <c>LocalizationTests</c> checks that every key a page uses has a French entry with French typography.
/// </summary>
public sealed class Texts;
