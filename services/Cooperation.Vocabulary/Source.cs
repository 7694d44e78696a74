namespace Cooperation.Vocabulary;

/// <summary>
/// Where a fact comes from: the document, by its title, and where in it: the words it says it in (<see cref="Quote"/>),
/// a page, section or file (<see cref="Locator"/>), a link. Every record may carry one, and so may each revision of it.
/// </summary>
public sealed record Source(string Title, string? Url = null, string? Quote = null, string? Locator = null);

/// <summary>A source as a client writes it.</summary>
public sealed record SourceInput(string? Title, string? Url, string? Quote = null, string? Locator = null);
