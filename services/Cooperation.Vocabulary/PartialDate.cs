using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cooperation.Vocabulary;

/// <summary>A date known to the year, the month or the day: "2004", "2007-11", "2002-07-31".</summary>
[JsonConverter(typeof(PartialDateJsonConverter))]
public readonly record struct PartialDate
{
    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    private PartialDate(int year, int? month, int? day) => (Year, Month, Day) = (year, month, day);

    /// <summary>The first day the date can mean.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day the date can mean: a month or a year counts to its end.</summary>
    public DateOnly End => Day is not null ? Start
        : Month is { } month ? new DateOnly(Year, month, DateTime.DaysInMonth(Year, month))
        : new DateOnly(Year, 12, 31);

    public static PartialDate OfDay(DateOnly day) => new(day.Year, day.Month, day.Day);

    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2)) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1000) return false;
        int? month = null, day = null;
        if (parts.Length > 1)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12) return false;
            month = m;
        }
        if (parts.Length > 2)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > DateTime.DaysInMonth(year, month!.Value)) return false;
            day = d;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a date like 2004, 2007-11 or 2002-07-31.");

    public override string ToString() =>
        Day is { } d ? $"{Year:D4}-{Month:D2}-{d:D2}" : Month is { } m ? $"{Year:D4}-{m:D2}" : $"{Year:D4}";
}

public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && PartialDate.TryParse(reader.GetString(), out var date)
            ? date
            : throw new JsonException("Expected a date like \"2004\", \"2007-11\" or \"2002-07-31\".");

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
