using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;

namespace Cooperation.EventSourcing;

/// <summary>Collects every problem with a request, each under the name of its field.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> errors = new();

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
        messages.Add(message);
    }

    public void Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
    }

    public string? Text(string? value, string field, int maxLength = 500, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"{field} is required.");
            return null;
        }
        if (value.Length > maxLength) Add(field, $"{field} must be at most {maxLength} characters.");
        return value.Trim();
    }

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

    public Party? Party(PartyInput? value, string field)
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
            return null;
        }
        var (party, error) = value.Resolve(Gazetteer.Default);
        if (error is not null) Add(field, error);
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
