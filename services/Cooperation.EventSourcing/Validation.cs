using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cooperation.EventSourcing;

/// <summary>
/// Collects every problem with a request, each under the name of its field, and holds the request to the host's
/// <see cref="Limits"/>. An endpoint is given one as a parameter (<see cref="BindAsync"/>), as it is given its <see cref="Write"/>.
/// </summary>
public sealed class Validation(Limits limits)
{
    private readonly Dictionary<string, List<string>> errors = new();

    /// <summary>How much one request may carry, for a field whose own bound is one of them.</summary>
    public Limits Limits => limits;

    public static ValueTask<Validation?> BindAsync(HttpContext http) =>
        ValueTask.FromResult<Validation?>(new Validation(http.RequestServices.GetRequiredService<Limits>()));

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
        messages.Add(message);
    }

    public void Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
    }

    /// <summary>
    /// A text of at most <paramref name="maxLength"/> characters, and never more than Limits:Text, that a reader can see:
    /// at least one character that is not a space, a control or an invisible format character (a zero-width space, a
    /// direction mark), and no control character other than a tab or a line break.
    /// </summary>
    public string? Text(string? value, string field, int maxLength = 500, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{field} is required.");
            return null;
        }
        if (!Readable(value, field)) return null;
        Length(value, field, Math.Min(maxLength, limits.Text));
        return value.Trim();
    }

    private bool Readable(string value, string field)
    {
        foreach (var c in value)
        {
            if (!char.IsControl(c) || c is '\t' or '\n' or '\r') continue;
            Add(field, $"{field} holds a control character (U+{(int)c:X4}), which is no text.");
            return false;
        }
        if (value.Any(Visible)) return true;
        Add(field, $"{field} holds no visible character: only spaces or invisible marks such as zero-width spaces.");
        return false;
    }

    private static bool Visible(char c) =>
        !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark);

    private bool Length(string? value, string field, int maxLength)
    {
        if (value is null || value.Length <= maxLength) return true;
        Add(field, $"{field} must be at most {maxLength} characters.");
        return false;
    }

    /// <summary>A list of at most Limits:Items entries; true when it is within the limit.</summary>
    public bool Items<T>(IReadOnlyCollection<T>? values, string field)
    {
        if (values is null || values.Count <= limits.Items) return true;
        Add(field, $"{field} may have at most {limits.Items} entries.");
        return false;
    }

    /// <summary>An optional absolute http or https URL.</summary>
    public string? Url(string? value, string field)
    {
        if (value is null) return null;
        Length(value, field, limits.Url);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            Add(field, $"{field} must be an absolute http or https URL.");
        return value;
    }

    /// <summary>An optional source: its document's title required, a quote and a locator within the text limits, an http(s) link.</summary>
    public Source? Source(SourceInput? input, string field = "source")
    {
        if (input is null) return null;
        var title = Text(input.Title, $"{field}.title");
        var quote = Text(input.Quote, $"{field}.quote", limits.Text, required: false);
        var locator = Text(input.Locator, $"{field}.locator", limits.Name, required: false);
        var url = Url(input.Url, $"{field}.url");
        return title is null ? null : new Source(title, url, quote, locator);
    }

    /// <summary>An optional note on a record: what its source does not say, or how the figure was read.</summary>
    public string? Note(string? value) => Text(value, "note", limits.Text, required: false);

    public string? OneOf(string? value, string field, IReadOnlySet<string> allowed, bool required = true)
    {
        if (value is null)
        {
            if (required) Add(field, $"{field} is required: one of {string.Join(", ", allowed)}.");
            return null;
        }
        if (!allowed.Contains(value)) Add(field, $"'{value}' is not one of {string.Join(", ", allowed)}.");
        return value;
    }

    /// <summary>An optional value of an enum, given by its name as clients write it (kebab-case, lower case).</summary>
    public TEnum? OneOf<TEnum>(string? value, string field) where TEnum : struct, Enum
    {
        if (value is null) return null;
        var names = Enum.GetValues<TEnum>().ToDictionary(v => v.Name(), v => v);
        if (names.TryGetValue(value, out var found)) return found;
        Add(field, $"'{value}' is not one of {string.Join(", ", names.Keys)}.");
        return null;
    }

    public PartialDate? Date(string? value, string field, bool required = true)
    {
        if (value is null)
        {
            if (required) Add(field, $"{field} is required: a date like 2004, 2007-11 or 2002-07-31.");
            return null;
        }
        if (PartialDate.TryParse(value, out var date)) return date;
        Add(field, $"'{value}' is not a date like 2004, 2007-11 or 2002-07-31.");
        return null;
    }

    public decimal? NonNegative(decimal? value, string field)
    {
        if (value is < 0) Add(field, $"{field} cannot be negative.");
        return value;
    }

    /// <summary>
    /// A record's qualifiers (<c>{figure: about | at-least | at-most}</c>): each names one of <paramref name="figures"/>
    /// that the request gives (<paramref name="given"/>); null when there are none, as every figure is then exact.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Qualifiers(IReadOnlyDictionary<string, string?>? value, IReadOnlySet<string> figures,
        Func<string, bool> given, string field = "qualifiers")
    {
        if (value is null) return null;
        if (!Items(value.Keys.ToArray(), field)) return null;
        foreach (var (figure, qualifier) in value)
        {
            var at = $"{field}.{figure}";
            if (!figures.Contains(figure)) Add(at, $"'{figure}' is not a figure that may be qualified: one of {string.Join(", ", figures)}.");
            else if (qualifier is not null && !Vocabulary.Qualifiers.All.Contains(qualifier))
                Add(at, $"'{qualifier}' is not one of {string.Join(", ", Vocabulary.Qualifiers.All)} (an exact figure has none).");
            else if (qualifier is not null && !given(figure)) Add(at, $"{figure} is qualified but not given.");
        }
        return Vocabulary.Qualifiers.Normalised(value.Where(e => figures.Contains(e.Key)));
    }

    public Party? Party(PartyInput? value, string field)
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
            return null;
        }
        var withinLimits = new[]
        {
            Length(value.Name, $"{field}.name", limits.Name),
            Length(value.Code, $"{field}.code", limits.Code),
            Length(value.Country, $"{field}.country", limits.Code),
            Length(value.Region, $"{field}.region", limits.Code),
            Length(value.Level, $"{field}.level", limits.Code),
        };
        if (withinLimits.Contains(false) || (value.Name is { } name && !Readable(name, $"{field}.name"))) return null;
        var (party, error, at) = value.Resolve(Gazetteer.Default);
        if (error is not null) Add(at is null ? field : $"{field}.{at}", error);
        return party;
    }

    /// <summary>The code of a place given by its code or by any of its names, for filters.</summary>
    public string? PlaceCode(string? value, string field)
    {
        if (value is null) return null;
        if (Gazetteer.Default.Find(value) is { } place) return place.Code;
        var found = Gazetteer.Default.Lookup(value);
        if (found.Count == 1) return found[0].Code;
        Add(field, found.Count == 0 ? $"unknown place '{value}'." : $"'{value}' is ambiguous; give the code.");
        return null;
    }

    public Party[] Parties(PartyInput?[]? values, string field, int minimum)
    {
        if (values is null || values.Length < minimum)
        {
            Add(field, $"{field} needs at least {minimum}.");
            return [];
        }
        if (!Items(values, field)) return [];
        var parties = values.Select((value, i) => Party(value, $"{field}[{i}]")).OfType<Party>().ToArray();
        var duplicates = parties.Where(p => p.Code is not null).GroupBy(p => p.Code).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var code in duplicates) Add(field, $"{code} is listed more than once.");
        return parties;
    }

    public bool Failed(out DomainError error)
    {
        error = DomainError.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        return errors.Count > 0;
    }
}
